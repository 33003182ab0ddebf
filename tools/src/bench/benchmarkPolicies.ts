import { allow, and, rule } from 'graphql-shield';
import type { GatewayPolicy } from '@intel-gateway/gateway';
import { DenialReason, PolicyDenial, requireAgencyKind, requireRole } from '@intel-gateway/shared/policy';

/** Review ids an owner has withheld; none of the scenario's, so the expected response still holds. */
const WITHHELD_REVIEWS = new Set(['withheld-1', 'withheld-2']);

const staff = requireRole('FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER');
const investigators = requireRole('NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN');

/**
 * The field policies the benchmark runs our gateway with, written against the scenario's
 * schema (users, products, reviews):
 *
 * - `permissive`: every field allowed, so the run measures the policy machinery alone;
 * - `realistic`: role and agency-kind rules on every field, some fields the scenario's
 *   caller (an NCB analyst) may not read but does not ask for, and a record rule on
 *   `Review.body`, decided on each of the response's reviews.
 */
export const BENCHMARK_POLICIES: Record<'permissive' | 'realistic', GatewayPolicy> = {
  permissive: {
    version: 'bench-permissive',
    rules: { Query: { '*': allow }, User: { '*': allow }, Product: { '*': allow }, Review: { '*': allow } },
  },
  realistic: {
    version: 'bench-realistic',
    rules: {
      Query: { '*': staff, me: allow },
      User: { '*': staff, birthday: requireRole('OWNER_ADMIN') },
      Product: { '*': staff, price: and(requireAgencyKind('NCB', 'REGIONAL_AGENCY'), investigators), weight: investigators },
      Review: {
        '*': staff,
        body: rule('review-not-withheld', { fragment: '{ id }' })(async (parent: { id?: unknown }) =>
          typeof parent.id === 'string' && !WITHHELD_REVIEWS.has(parent.id) ? true : new PolicyDenial(DenialReason.DENIED),
        ),
      },
    },
  },
};

import { z } from 'zod';
import { BadUserInputError } from '../errors';

/**
 * Validates one argument with a zod schema. A bad value becomes BAD_USER_INPUT naming the
 * argument, before anything reaches the database.
 */
export function parseArg<S extends z.ZodType>(field: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadUserInputError(field, result.error.issues[0]?.message ?? 'invalid');
  return result.data;
}

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as GB');

/** Agency code such as NCB-GB, EUROPOL or IPSG. */
export const agencyCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'must be an agency code such as NCB-GB');

/** Analysis project code such as AP-SYNERGY. */
export const projectCode = z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, 'must be an analysis project code such as AP-CYCLOPS');

/** A record identifier: letters, digits and - / . _ only, so it can never carry a query operator. */
export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/, 'must be a record identifier');

/**
 * Travel-document number as issued: spaces and hyphens are dropped and letters upper-cased,
 * then it must be 5 to 20 letters and digits.
 */
export const documentNumber = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{5,20}$/, 'must be 5 to 20 letters and digits'));

/** Vehicle identification number (ISO 3779): 17 characters, never I, O or Q. */
export const vin = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be a 17-character VIN'));

/** Free-text key part such as a firearm make or serial number. */
export const shortText = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters')
      .regex(/^[\p{L}\p{N} ./_-]+$/u, 'contains characters that are not allowed'),
  );

import { compareAuditAnswer } from './compareAuditAnswer';
import type { AuditSuite, AuditTest } from './loadAuditSuites';
import type { ConformanceGateway } from './startConformanceGateway';

/** One test's outcome: what the test expects and what the gateway answered (parsed JSON, or the HTTP status and text when it was not JSON). */
export interface AuditTestResult {
  suite: string;
  /** The test's position in its suite, from 0, as the suite numbers them (`<suite>_<index>`). */
  index: number;
  passed: boolean;
  query: string;
  expected: AuditTest['expected'];
  answer: unknown;
}

/** The suite's per-request deadline (its `src/test.ts` aborts each request after 10 s). */
const REQUEST_TIMEOUT_MS = 10_000;

/** Posts one query to a gateway as the suite does, and returns the answer it got. */
export async function queryGateway(gateway: ConformanceGateway, query: string): Promise<unknown> {
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...gateway.headers },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { httpStatus: response.status, text: text.slice(0, 2_000) };
    }
  } catch (error) {
    return { requestFailed: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs a suite's tests against a started gateway, one after another in the suite's order (some suites' tests build on the previous ones' mutations). */
export async function runAuditSuite(gateway: ConformanceGateway, suite: AuditSuite): Promise<AuditTestResult[]> {
  const results: AuditTestResult[] = [];
  for (const [index, test] of suite.tests.entries()) {
    const answer = await queryGateway(gateway, test.query);
    results.push({
      suite: suite.id,
      index,
      passed: compareAuditAnswer(test.expected, answer),
      query: test.query,
      expected: test.expected,
      answer,
    });
  }
  return results;
}

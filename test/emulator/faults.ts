/**
 * Faults the tests switch on to see how the node copes: server errors, slow answers,
 * dropped connections, malformed JSON and arbitrary Graph errors.
 */
export type FaultKind =
	/** Answer with an HTTP 5xx and a Graph error body (code 2 unless given). */
	| 'serverError'
	/** Answer only after `delayMs`. */
	| 'slow'
	/** Close the socket before any answer: the request was not handled. */
	| 'drop'
	/** Handle the request (a message is accepted), then close the socket without answering. */
	| 'dropAfterHandling'
	/** Answer 200 with a body that is not JSON. */
	| 'malformed'
	/** Answer with the Graph error given in `graphError`. */
	| 'graphError'
	/** Handle the request, then answer with what `rewrite` makes of the answer (a stuck cursor, a redirect, another media host). */
	| 'rewrite';

export interface FaultAnswer {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

export interface Fault {
	kind: FaultKind;
	method?: string;
	/** Matched against the path without the version and query, e.g. /106540352242922/messages. */
	path?: string | RegExp;
	/** How many matching requests it hits; Infinity for all. */
	times?: number;
	status?: number;
	delayMs?: number;
	graphError?: { code: number; message: string; subcode?: number; details?: string; headers?: Record<string, string> };
	rewrite?: (answer: FaultAnswer) => Partial<FaultAnswer>;
}

export class FaultInjector {
	private faults: Array<Fault & { remaining: number }> = [];

	add(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first active fault matching this request, used up by one. */
	take(method: string, path: string): Fault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				candidate.remaining > 0 &&
				(!candidate.method || candidate.method.toUpperCase() === method) &&
				(!candidate.path || (typeof candidate.path === 'string' ? path === candidate.path : candidate.path.test(path))),
		);
		if (fault) fault.remaining -= 1;
		return fault;
	}
}

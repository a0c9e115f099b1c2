/** Printing for the side-by-side bench, in the style of test/bench/send.bench.ts. Figures only, nothing asserted. */
import type { DeliveryFigures, SendFigures } from './measure';

const ratio = (ours: number, theirs: number) => (theirs === 0 ? (ours === 0 ? '—' : '∞') : `${(ours / theirs).toFixed(2)}×`);
const statuses = (counts: Record<string, number>) =>
	Object.entries(counts)
		.map(([status, count]) => `${status === '0' ? 'network error' : status}: ${count}`)
		.join(', ') || 'none';

export function printSend(figures: SendFigures, expected: number, cap: number): void {
	const r = figures.responsiveness;
	console.log(figures.label);
	console.log(`  ${figures.messagesPerSecond.toFixed(1)} msg/s over the whole execution (${((figures.messagesPerSecond / cap) * 100).toFixed(1)}% of the ${cap}/s cap), ${figures.sendingRate.toFixed(1)} msg/s first-to-last accepted; wall ${figures.wallSeconds.toFixed(1)} s, execution ${figures.executionStatus}`);
	console.log(`  accepted ${figures.unique}/${expected} distinct, failed ${figures.failed}, duplicated ${figures.duplicated}; rejected answers ${figures.rejectedAnswers} (130429: ${figures.throttled}), items with an error in n8n's output ${figures.errorItems}, peak in-flight at the emulator ${figures.peakInFlight}`);
	for (const [reason, count] of Object.entries(figures.rejections)) console.log(`  rejected ${count}× ${reason}`);
	console.log(`  n8n responsiveness: worst /healthz/readiness ${r.worstMs.toFixed(0)} ms (p99 ${r.p99Ms.toFixed(0)} ms, ${r.samples} polls, ${r.failures} failed${r.failures ? `: ${statuses(r.failureKinds)}` : ''})`);
}

export function printSendRatios(ours: SendFigures, builtIn: SendFigures): void {
	console.log('ratios (this package / built-in)');
	console.log(`  msg/s ${ratio(ours.messagesPerSecond, builtIn.messagesPerSecond)}, accepted ${ratio(ours.unique, builtIn.unique)}, failed ${ours.failed} vs ${builtIn.failed}, duplicated ${ours.duplicated} vs ${builtIn.duplicated}, worst readiness ${ratio(ours.responsiveness.worstMs, builtIn.responsiveness.worstMs)}, wall ${ratio(ours.wallSeconds, builtIn.wallSeconds)}`);
}

export interface TriggerFigures {
	label: string;
	/** Events delivered within the budget, of `requested`. */
	events: number;
	requested: number;
	budgetSeconds: number;
	delivery: DeliveryFigures;
	executions: number;
	executionStatuses: Record<string, number>;
	/** Seconds from the first delivery until the last execution was saved. */
	settledSeconds: number;
	worstReadinessMs: number;
	tampered: DeliveryFigures;
	tamperedExecutions: number;
}

export function printTrigger(t: TriggerFigures): void {
	console.log(t.label);
	const cut = t.events < t.requested ? ` — ${t.events} of ${t.requested} delivered within the ${t.budgetSeconds} s budget` : '';
	console.log(`  ${(t.events / t.delivery.seconds).toFixed(1)} events/s answered (${t.events} in ${t.delivery.seconds.toFixed(1)} s${cut}; answers ${statuses(t.delivery.statuses)}), worst /healthz/readiness ${t.worstReadinessMs.toFixed(0)} ms`);
	console.log(`  executions started ${t.executions}/${t.events} (${statuses(t.executionStatuses)}), all saved after ${t.settledSeconds.toFixed(1)} s → ${(t.executions / t.settledSeconds).toFixed(1)} executions/s`);
	console.log(`  tampered (one body byte flipped, original signature): ${t.tampered.sent} sent, answers ${statuses(t.tampered.statuses)}, executions started ${t.tamperedExecutions}`);
}

export function printTriggerRatios(ours: TriggerFigures, builtIn: TriggerFigures): void {
	const rejected = (t: TriggerFigures) => t.tampered.sent - t.tamperedExecutions;
	console.log('ratios (this package / built-in)');
	console.log(`  events/s ${ratio(ours.events / ours.delivery.seconds, builtIn.events / builtIn.delivery.seconds)}, executions per delivered event ${(ours.executions / Math.max(1, ours.events)).toFixed(2)} vs ${(builtIn.executions / Math.max(1, builtIn.events)).toFixed(2)}, worst readiness ${ratio(ours.worstReadinessMs, builtIn.worstReadinessMs)}, tampered refused (no execution) ${rejected(ours)}/${ours.tampered.sent} vs ${rejected(builtIn)}/${builtIn.tampered.sent}, tampered answered with 401 ${ours.tampered.statuses['401'] ?? 0} vs ${builtIn.tampered.statuses['401'] ?? 0}`);
}

import { NodeOperationError, WAIT_INDEFINITELY, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When to stop waiting, from Options → Limit Wait Time (as n8n's other send-and-wait nodes read it). */
export function waitTillOf(context: IExecuteFunctions): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (!Object.keys(limit).length) return WAIT_INDEFINITELY;
	let waitTill: Date;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
		if (!Number.isFinite(amount) || amount < 0 || !unit) {
			throw new NodeOperationError(context.getNode(), 'Limit Wait Time: the amount must be a number of minutes, hours or days', { itemIndex: 0 });
		}
		waitTill = new Date(Date.now() + amount * unit);
	} else {
		waitTill = new Date(String(limit.maxDateAndTime ?? ''));
		if (Number.isNaN(waitTill.getTime())) {
			throw new NodeOperationError(context.getNode(), `Limit Wait Time: "${String(limit.maxDateAndTime ?? '')}" is not a date and time`, { itemIndex: 0 });
		}
	}
	return waitTill;
}

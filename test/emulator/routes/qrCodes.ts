import { randomInt } from 'node:crypto';

import { GraphError, invalidParameter } from '../graphError';
import { paginate } from '../paging';
import { qrImageUrl } from '../qrImages';
import type { GraphObject } from '../state';
import { selfUrl } from './core';
import type { Route, RouteContext } from './types';

/** Meta's limits (QR codes and short links guide). */
export const QR_LIMITS = { prefilledMessage: 140, perNumber: 2000, pageSize: 25 };

interface QrCode {
	code: string;
	prefilled_message: string;
	deep_link_url: string;
	creation_time: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const newCode = () => `${Array.from({ length: 13 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}1`;
const codesOf = (phone: GraphObject) => ((phone.qrCodes ??= []) as QrCode[]);
const notFound = () => new GraphError(404, 803, 'QR code not found', { type: 'OAuthException' });

/** A code as Graph returns it: code, message and link, plus the picture's URL when `qr_image_url.format(X)` is asked for. */
function shown(context: RouteContext, qr: QrCode, imageFormat?: string) {
	const fields = String(context.req.query.fields ?? '');
	const format = imageFormat ?? /qr_image_url\.format\((SVG|PNG)\)/.exec(fields)?.[1];
	const requested = fields ? fields.split(',').map((field) => field.replace(/\..*$/, '').trim()) : ['code', 'prefilled_message', 'deep_link_url'];
	const out: Record<string, unknown> = { code: qr.code, prefilled_message: qr.prefilled_message, deep_link_url: qr.deep_link_url };
	if (requested.includes('creation_time')) out.creation_time = qr.creation_time;
	if (format) out.qr_image_url = qrImageUrl(context.emulator.url, qr.code, format);
	return out;
}

function checkedMessage(value: unknown): string {
	if (typeof value !== 'string') throw invalidParameter('prefilled_message is required');
	if ([...value].length > QR_LIMITS.prefilledMessage) throw invalidParameter(`Invalid prefilled_message length. Maximum ${QR_LIMITS.prefilledMessage} characters allowed`);
	return value;
}

export const qrCodesRoutes: Route[] = [
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'message_qrdls',
		handler: (context) => {
			const limit = Number(context.req.query.limit ?? QR_LIMITS.pageSize);
			if (!(limit >= 1 && limit <= QR_LIMITS.pageSize)) throw invalidParameter(`limit must be between 1 and ${QR_LIMITS.pageSize}`);
			const filter = context.req.query.code;
			const codes = [...codesOf(context.object!)].reverse().filter((qr) => !filter || qr.code === filter);
			return paginate(codes.map((qr) => shown(context, qr)), context.req.query, selfUrl(context), QR_LIMITS.pageSize, QR_LIMITS.pageSize);
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'message_qrdls',
		operationId: 'createOrUpdateQrCode',
		handler: (context) => {
			const { code, prefilled_message: message, generate_qr_image: format } = context.req.params as Record<string, unknown>;
			const codes = codesOf(context.object!);
			if (format !== undefined && format !== 'SVG' && format !== 'PNG') throw invalidParameter('generate_qr_image must be SVG or PNG');
			if (code !== undefined) {
				const existing = codes.find((qr) => qr.code === code);
				if (!existing) throw notFound();
				existing.prefilled_message = checkedMessage(message);
				return shown(context, existing, format as string | undefined);
			}
			if (codes.length >= QR_LIMITS.perNumber) throw invalidParameter(`A phone number can have at most ${QR_LIMITS.perNumber} QR codes and short links`);
			const created = { code: newCode(), prefilled_message: checkedMessage(message), deep_link_url: '', creation_time: Math.floor(Date.now() / 1000) };
			created.deep_link_url = `https://wa.me/message/${created.code}`;
			codes.push(created);
			return shown(context, created, format as string | undefined);
		},
	},
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'message_qrdls',
		withSubId: true,
		handler: (context) => {
			const qr = codesOf(context.object!).find((entry) => entry.code === context.subId);
			if (!qr) throw notFound();
			return { data: [shown(context, qr)] };
		},
	},
	{
		method: 'DELETE',
		target: 'phoneNumber',
		edge: 'message_qrdls',
		withSubId: true,
		handler: (context) => {
			const codes = codesOf(context.object!);
			const at = codes.findIndex((entry) => entry.code === context.subId);
			if (at < 0) throw notFound();
			codes.splice(at, 1);
			return { success: true };
		},
	},
];

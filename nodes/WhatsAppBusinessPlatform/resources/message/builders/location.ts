import { fail, LIMITS, optionalText } from '../../../shared/messageValidation';
import type { BuiltContent } from './common';

function coordinate(field: string, value: unknown, limit: number): string {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (value === '' || value === undefined || value === null || !Number.isFinite(number)) fail(field, 'is required and must be a number');
	if (Math.abs(number) > limit) fail(field, `must be between -${limit} and ${limit} (got ${number})`);
	// Meta's schema and examples give coordinates as strings.
	return String(number);
}

export function buildLocation(input: { latitude: unknown; longitude: unknown; name?: unknown; address?: unknown }): BuiltContent {
	const content: Record<string, string> = {
		latitude: coordinate('Latitude', input.latitude, 90),
		longitude: coordinate('Longitude', input.longitude, 180),
	};
	const name = optionalText('Location Name', input.name, LIMITS.locationName);
	if (name !== undefined) content.name = name;
	const address = optionalText('Location Address', input.address, LIMITS.locationAddress);
	if (address !== undefined) content.address = address;
	return { type: 'location', content, uploads: [] };
}

import { asText, fail, optionalText } from '../../../shared/validation';
import { forTypes, type MessageType } from './common';

const MAX_TEXT = 1000;

function coordinate(field: string, value: unknown, limit: number): string {
	const number = typeof value === 'number' ? value : Number(asText(field, value).trim());
	if (value === '' || value === undefined || value === null || !Number.isFinite(number)) fail(field, 'is required and must be a number');
	if (Math.abs(number) > limit) fail(field, `must be between -${limit} and ${limit} (got ${number})`);
	// Meta's schema and examples give coordinates as strings.
	return String(number);
}

/** A location pin: coordinates, and optionally a name and address. */
export const location: MessageType = {
	value: 'location',
	name: 'Location',
	fields: (show) => [
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			typeOptions: { numberPrecision: 7, minValue: -90, maxValue: 90 },
			default: 0,
			required: true,
			displayOptions: { show: forTypes(show, 'location') },
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			typeOptions: { numberPrecision: 7, minValue: -180, maxValue: 180 },
			default: 0,
			required: true,
			displayOptions: { show: forTypes(show, 'location') },
		},
		{ displayName: 'Location Name', name: 'locationName', type: 'string', default: '', displayOptions: { show: forTypes(show, 'location') } },
		{ displayName: 'Location Address', name: 'locationAddress', type: 'string', default: '', displayOptions: { show: forTypes(show, 'location') } },
	],
	build: (read) => {
		const content: Record<string, string> = {
			latitude: coordinate('Latitude', read.get('latitude'), 90),
			longitude: coordinate('Longitude', read.get('longitude'), 180),
		};
		const name = optionalText('Location Name', read.get('locationName', ''), MAX_TEXT);
		if (name !== undefined) content.name = name;
		const address = optionalText('Location Address', read.get('locationAddress', ''), MAX_TEXT);
		if (address !== undefined) content.address = address;
		return { type: 'location', content, uploads: [] };
	},
};

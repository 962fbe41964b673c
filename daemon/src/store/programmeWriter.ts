import type { ProgrammeTerms } from '../networks/types';
import type { CacheDb } from './openCache';

export interface ProgrammeWriteResult {
	written: number;
	left: number;
}

// Replaces a network's joined programmes in one transaction. Programmes the network no longer
// lists are kept with status 'left' (blocks may still reference them), never deleted.
export function writeProgrammes(
	db: CacheDb,
	network: string,
	programmes: ProgrammeTerms[],
	now: string
): ProgrammeWriteResult {
	const upsert = db.prepare( `
		INSERT INTO programmes (
			network, programme_id, name, currency, deeplink_enabled, valid_domains,
			commission_type, commission_min, commission_max, cookie_days, validation_days,
			approval_rate_bp, epc_minor, status, raw_json, updated_at
		) VALUES (
			@network, @programmeId, @name, @currency, @deeplinkEnabled, @validDomains,
			@commissionType, @commissionMin, @commissionMax, @cookieDays, @validationDays,
			@approvalRateBp, @epcMinor, 'joined', @rawJson, @now
		)
		ON CONFLICT (network, programme_id) DO UPDATE SET
			name = excluded.name,
			currency = excluded.currency,
			deeplink_enabled = excluded.deeplink_enabled,
			valid_domains = excluded.valid_domains,
			commission_type = excluded.commission_type,
			commission_min = excluded.commission_min,
			commission_max = excluded.commission_max,
			cookie_days = excluded.cookie_days,
			validation_days = excluded.validation_days,
			approval_rate_bp = excluded.approval_rate_bp,
			epc_minor = excluded.epc_minor,
			status = 'joined',
			raw_json = excluded.raw_json,
			updated_at = excluded.updated_at
	` );
	const listJoined = db.prepare(
		`SELECT programme_id FROM programmes WHERE network = ? AND status = 'joined'`
	);
	const markLeft = db.prepare(
		`UPDATE programmes SET status = 'left', updated_at = ? WHERE network = ? AND programme_id = ?`
	);

	return db
		.transaction( () => {
			const seen = new Set< string >();
			for ( const programme of programmes ) {
				seen.add( programme.programmeId );
				upsert.run( {
					network,
					programmeId: programme.programmeId,
					name: programme.name,
					currency: programme.currency,
					deeplinkEnabled: programme.deeplinkEnabled ? 1 : 0,
					validDomains: JSON.stringify( programme.validDomains ),
					commissionType: programme.commissionType,
					commissionMin: programme.commissionMin,
					commissionMax: programme.commissionMax,
					cookieDays: programme.cookieDays,
					validationDays: programme.validationDays,
					approvalRateBp: programme.approvalRateBp,
					epcMinor: programme.epcMinor,
					rawJson: JSON.stringify( programme.raw ?? {} ),
					now,
				} );
			}
			let left = 0;
			for ( const row of listJoined.all( network ) as Array< {
				programme_id: string;
			} > ) {
				if ( seen.has( row.programme_id ) ) {
					continue;
				}
				markLeft.run( now, network, row.programme_id );
				left++;
			}
			return { written: programmes.length, left };
		} )
		.immediate();
}

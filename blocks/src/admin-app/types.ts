// Shapes of the afflux/v1 admin routes (plugin/src/Rest/*Controller.php).

export interface NetworkField {
	key: string;
	label: string;
	type: 'text' | 'secret' | 'list';
	required: boolean;
	value: string;
	set: boolean;
}

export interface NetworkView {
	label: string;
	enabled: boolean;
	fields: NetworkField[];
}

export interface SettingsView {
	general: {
		cache_path: string;
		utm_template: string;
		disclosure_text: string;
		price_max_age_hours: number;
		unavailable_display: string;
	};
	links: {
		link_mode: string;
		link_prefix: string;
		click_retention_days: number;
	};
	networks: Record< string, NetworkView >;
	schedules: Record< string, string >;
	disclosure_defaults: { fr: string; en: string };
	handed_to_daemon: Record< string, string >;
	daemon_handoff?: { written: boolean; message: string };
}

export interface Balances {
	key: string;
	currency: string;
	count: number;
	available: number;
	pending: number;
	declined: number;
	paid: number;
}

export interface PostBalances extends Balances {
	post_id: number;
	title: string;
	edit_url: string;
	placement_id?: string;
	clicks: number;
	conversion_rate: number | null;
	epc_minor: number | null;
}

export interface SyncRun {
	network: string;
	kind: string;
	started_at: string;
	finished_at: string | null;
	status: string;
	items_seen: number;
	items_written: number;
	error: string | null;
	last_ok_at: string | null;
	age_hours: number | null;
	// Words and local time for display, made by the server (SyncRunLabels).
	network_label: string;
	kind_label: string;
	status_label: string;
	started_at_display: string;
}

export interface EarningsView {
	range: { from: string; to: string; grouping: string };
	totals: Balances[];
	series: Balances[];
	by_network: Balances[];
	by_merchant: Array< Balances & { label: string } >;
	by_post: PostBalances[];
	by_block: PostBalances[];
	clicks: number;
	reconciliation: Array< {
		network: string;
		currency: string;
		count: number;
		total: number;
		last_run: SyncRun | null;
		note: string;
	} >;
}

export interface SyncHealthView {
	cache: { state: string; reason: string };
	runs: SyncRun[];
	counts: Record< string, Record< string, number > >;
	stale: Array< {
		kind: string;
		kind_label: string;
		last_run_at: string | null;
		last_run_display: string;
		expected_every_hours: number;
	} >;
	start_command: string;
}

export const BUCKETS = [ 'available', 'pending', 'declined', 'paid' ] as const;
export type Bucket = ( typeof BUCKETS )[ number ];

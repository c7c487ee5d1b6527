// Shapes of the design routes' answers (src/infranest/server/routers/design.py).

export type Severity = "low" | "medium" | "high" | "critical";

export interface AuditFinding {
  rule: string;
  title: string;
  severity: Severity;
  category: string;
  owasp: string[];
  cwe: string[];
  message: string;
  path: string;
  file: string | null;
  line: number | null;
  column: number | null;
  /** What the safe fix changes; null when the finding has no automatic fix. */
  fix: string | null;
  /** Why the rule matters (the rule catalogue's text, as `infranest explain` prints). */
  why: string;
  /** How to fix it by hand (the rule catalogue's remedy). */
  remedy: string;
}

export interface AuditReport {
  file: string | null;
  summary: Record<Severity, number> & { total: number };
  notes: string[];
  findings: AuditFinding[];
}

export interface FixResult {
  applied: { rule: string; path: string }[];
  skipped: { rule: string; path: string }[];
  version: { number: number; message: string } | null;
}

export type Resource = "app" | "db" | "network";

export interface EndpointCapacity {
  operation: string;
  method: string;
  path: string;
  queries: number;
  response_bytes: number;
  share: number;
  ceiling_rps: number | null;
  bottleneck: Resource;
  p50_ms: number | null;
  p95_ms: number | null;
  notes: string[];
}

export interface CapacityReport {
  hardware: { name: string; target: string; app_workers: number; db_cores: number };
  rps: number;
  read_ratio: number;
  mix_ceiling_rps: number | null;
  bottleneck: Resource;
  utilisation: Record<Resource, number>;
  endpoints: EndpointCapacity[];
}

export interface PlanStep {
  month: number;
  resource: Resource;
  utilisation: number;
  peak_rps: number;
  change: string;
  reason: string;
  effect: string;
  months_gained: number | null;
}

export interface ForecastReport {
  monthly_growth_percent: number;
  peak_rps: number;
  horizon_months: number;
  saturation_month: Record<Resource, number | null>;
  plan: PlanStep[];
  /** Utilisation at the peak, month by month, without the plan's changes (1 = full). */
  utilisation_by_month: Partial<Record<Resource, UtilisationSample[]>>;
}

export interface UtilisationSample {
  month: number;
  utilisation: number;
}

export interface Prediction {
  capacity: CapacityReport;
  forecast: ForecastReport;
}

export type ApiImpact = "none" | "non-breaking" | "breaking";
export type DbImpact = "none" | "safe" | "destructive" | "data-migrating";

export interface Change {
  kind: string;
  path: string;
  message: string;
  api: ApiImpact;
  db: DbImpact;
}

export interface MigrationStep {
  code: string;
  change: string;
  warning: string | null;
}

export interface DiffReport {
  summary: Record<string, number>;
  changes: Change[];
  migrations: Record<string, MigrationStep[]>;
}

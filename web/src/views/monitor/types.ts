// Shapes of the monitor routes (src/infranest/server/routers/monitor.py, monitor_alerts.py
// and src/infranest/server/monitor_views.py).

export interface ColumnSpec {
  name: string;
  kind: "numeric" | "categorical" | "boolean" | string;
  role: "feature" | "prediction" | "score" | "label" | "segment" | string;
  nullable: boolean;
  minimum: number | null;
  maximum: number | null;
  categories: string[];
}

export interface MonitorModel {
  model: string;
  version: string;
  columns: ColumnSpec[];
  events: number;
  reference_events: number;
  last_event: string | null;
}

/** One feature's drift test in one window (monitor.report.ColumnDrift + strength). */
export interface FeatureDrift {
  column: string;
  kind: string;
  method: string | null;
  statistic: number | null;
  p_value: number | null;
  adjusted_p_value: number | null;
  threshold: number | null;
  drifted: boolean;
  n_reference: number;
  n_current: number;
  skipped: string | null;
  /** Jensen–Shannon distance to the reference, comparable across features. */
  strength: number | null;
}

export interface DriftWindow {
  start: string;
  end: string;
  events: number;
  drift_share: number | null;
  drifted: boolean | null;
  features: FeatureDrift[];
}

export interface DriftReport {
  model: string;
  version: string;
  window: string;
  reference_events: number;
  windows: DriftWindow[];
}

export interface Distribution {
  column: string;
  kind: "numeric" | "categorical";
  missing: { reference: number; current: number };
  bins: { lower: number; upper: number; reference: number; current: number }[];
  categories: { value: string; reference: number; current: number }[];
  start: string;
  end: string;
  events: number;
}

export interface PerformanceWindow {
  start: string;
  end: string;
  events: number;
  labelled: number;
  metrics: Record<string, number | null>;
}

export interface PerformanceReport {
  model: string;
  version: string;
  metrics: string[];
  reference: Omit<PerformanceWindow, "start" | "end">;
  windows: PerformanceWindow[];
}

export interface RootCause {
  start: string;
  end: string;
  events: number;
  features: { column: string; strength: number; drifted: boolean }[];
  segments: {
    column: string;
    value: string;
    share_reference: number;
    share_current: number;
    contribution: number;
    detail: number | null;
  }[];
}

export interface AlertRule {
  id: string;
  model: string;
  version: string;
  metric: string;
  op: string;
  threshold: number;
  window: string;
  reference: "previous" | "none";
  min_events: number;
  severity: string;
  cooldown: string;
  channels: string[];
  description: string | null;
}

export interface AlertsConfig {
  rules: AlertRule[];
  channels: { name: string; type: string }[];
}

export interface AlertRecord {
  rule: string;
  at: string;
  status: "firing" | "repeat" | "resolved" | string;
  severity: string;
  value: number | null;
  detail: { model?: string; version?: string; summary?: string; [key: string]: unknown };
}

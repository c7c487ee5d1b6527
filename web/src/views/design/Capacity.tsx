// Capacity of the selected version: inputs (load, growth, target), charts and the plan.
import { useState } from "react";
import type { FormEvent } from "react";

import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { useProject } from "../../project";
import { ForecastChart } from "./CapacityCharts";
import { EndpointCharts } from "./EndpointCharts";
import { UtilisationChart } from "./UtilisationChart";
import { RESOURCES, RESOURCE_NAMES, TARGETS, formatNumber, predictQuery } from "./capacity";
import type { Prediction } from "./types";

interface Inputs {
  rps: string;
  growth: string;
  target: string;
  horizon: string;
}

const EMPTY: Inputs = { rps: "", growth: "", target: "", horizon: "36" };

export function Capacity() {
  const { project, version } = useProject();
  const [draft, setDraft] = useState<Inputs>(EMPTY);
  const [inputs, setInputs] = useState<Inputs>(EMPTY);
  const base = version === null ? null : `/projects/${project.id}/versions/${version}/predict`;
  const prediction = useApi<Prediction>(base === null ? null : base + predictQuery(inputs));

  function submit(event: FormEvent) {
    event.preventDefault();
    setInputs(draft);
  }
  const set = (key: keyof Inputs) => (value: string) => setDraft({ ...draft, [key]: value });

  if (version === null) return null;
  const data = prediction.data;
  return (
    <section aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">Capacity (v{version})</h2>
      <form className="capacity-form" onSubmit={submit}>
        <NumberInput
          label="Peak load (req/s)"
          value={draft.rps}
          onChange={set("rps")}
          hint="empty: the spec's load"
        />
        <NumberInput
          label="Growth per month (%)"
          value={draft.growth}
          onChange={set("growth")}
          hint="empty: the spec's growth"
        />
        <NumberInput label="Horizon (months)" value={draft.horizon} onChange={set("horizon")} />
        <label>
          Target framework
          <select value={draft.target} onChange={(e) => set("target")(e.target.value)}>
            <option value="">the spec's target</option>
            {TARGETS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Predict</button>
      </form>
      <ErrorNote error={prediction.error} />
      {prediction.loading && <Loading what="Predicting capacity" />}
      {data && (
        <>
          <CapacitySummary prediction={data} />
          <EndpointCharts prediction={data} />
          <ForecastChart forecast={data.forecast} />
          <UtilisationChart forecast={data.forecast} />
          <PlanTable prediction={data} />
        </>
      )}
    </section>
  );
}

function CapacitySummary({ prediction }: { prediction: Prediction }) {
  const { capacity } = prediction;
  const used = RESOURCES.map(
    (r) => `${RESOURCE_NAMES[r]} ${formatNumber(capacity.utilisation[r] * 100)}%`,
  ).join(", ");
  return (
    <p>
      At <strong>{formatNumber(capacity.rps)} req/s</strong>
      {` on ${capacity.hardware.name}: the bottleneck is `}
      <strong>{RESOURCE_NAMES[capacity.bottleneck]}</strong>
      {`; the mix tops out at ${formatNumber(capacity.mix_ceiling_rps)} req/s. Utilisation: ${used}.`}
    </p>
  );
}

function NumberInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        inputMode="decimal"
        step="any"
        value={props.value}
        placeholder={props.hint}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function PlanTable({ prediction }: { prediction: Prediction }) {
  const plan = prediction.forecast.plan;
  if (plan.length === 0)
    return <p>No resource saturates within {prediction.forecast.horizon_months} months.</p>;
  return (
    <table className="plan-table">
      <caption>Recommended changes as traffic grows</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Saturates</th>
          <th scope="col">Peak (req/s)</th>
          <th scope="col">Change</th>
          <th scope="col">Why and effect</th>
        </tr>
      </thead>
      <tbody>
        {plan.map((step, index) => (
          <tr key={index}>
            <td>{step.month}</td>
            <td>
              {RESOURCE_NAMES[step.resource]} ({formatNumber(step.utilisation * 100)}%)
            </td>
            <td>{formatNumber(step.peak_rps)}</td>
            <td>{step.change}</td>
            <td>
              {step.reason}
              <br />
              <span className="muted">{step.effect}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

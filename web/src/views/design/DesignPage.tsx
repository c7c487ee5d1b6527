// The design view of the selected version: audit findings with fixes, capacity, history
// (one at a time, as tabs; the chosen one is kept in the URL as ?section=).
import { useSearchParams } from "react-router";

import { SectionTabs } from "../../components/SectionTabs";
import { Capacity } from "./Capacity";
import { Findings } from "./Findings";
import { History } from "./History";

import "./design.css";

const SECTIONS = [
  { id: "findings", label: "Findings" },
  { id: "capacity", label: "Capacity" },
  { id: "history", label: "History" },
] as const;

export function DesignPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("section");
  const section = SECTIONS.some((s) => s.id === requested) ? requested : "findings";
  const select = (id: string) =>
    setParams((now) => {
      const out = new URLSearchParams(now);
      out.set("section", id);
      return out;
    });
  return (
    <div className="design-page">
      <SectionTabs
        label="Design"
        tabs={SECTIONS}
        selected={section ?? "findings"}
        onSelect={select}
      >
        {section === "capacity" ? <Capacity /> : section === "history" ? <History /> : <Findings />}
      </SectionTabs>
    </div>
  );
}

// ARIA tabs inside a page (WAI-ARIA tabs pattern): arrow keys, Home and End move between
// tabs and select them; the chosen panel follows below the tab list.
import { useRef } from "react";
import type { KeyboardEvent, ReactNode } from "react";

import { nextTabIndex } from "./tabKeys";
import "./SectionTabs.css";

export interface SectionTab {
  id: string;
  label: string;
}

export interface SectionTabsProps {
  label: string;
  tabs: readonly SectionTab[];
  selected: string;
  onSelect: (id: string) => void;
  children: ReactNode;
}

export function SectionTabs({ label, tabs, selected, onSelect, children }: SectionTabsProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = nextTabIndex(event.key, index, tabs.length);
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    refs.current[next]?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label={label} className="section-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={tab.id === selected ? `panel-${tab.id}` : undefined}
            tabIndex={tab.id === selected ? 0 : -1}
            className={tab.id === selected ? "section-tab active" : "section-tab"}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`}>
        {children}
      </div>
    </>
  );
}

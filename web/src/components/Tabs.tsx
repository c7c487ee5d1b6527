// A row of links that behaves as a tab list: arrow keys, Home and End move between tabs.
import { useRef } from "react";
import type { KeyboardEvent } from "react";
import { NavLink } from "react-router";

import { nextTabIndex } from "./tabKeys";

export interface TabLink {
  to: string;
  label: string;
}

export function TabLinks({ tabs, label }: { tabs: TabLink[]; label: string }) {
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const index = refs.current.findIndex((el) => el === document.activeElement);
    if (index < 0) return;
    const next = nextTabIndex(event.key, index, tabs.length);
    if (next < 0) return;
    event.preventDefault();
    refs.current[next]?.focus();
  }

  return (
    <nav aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab, index) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          ref={(el) => {
            refs.current[index] = el;
          }}
          className={({ isActive }) => (isActive ? "tab active" : "tab")}
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

// The code view: pick a target, browse and search the generated files, read one
// highlighted, download the project, and run verify on it.
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";

import { apiUrl } from "../../api/client";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { useProject } from "../../project";
import { FileBrowser } from "./FileBrowser";
import { VerifyPanel } from "./VerifyPanel";
import { TARGETS } from "./targets";
import type { FileEntry } from "./tree";

import "./code.css";

interface FileList {
  target: string;
  files: FileEntry[];
}

export function CodePage() {
  const { project, version } = useProject();
  const [params, setParams] = useSearchParams();
  const requested = params.get("target") ?? "";
  const target = (TARGETS as readonly string[]).includes(requested) ? requested : "fastapi";
  const base =
    version === null ? null : `/projects/${project.id}/versions/${version}/generate/${target}`;
  const tree = useApi<FileList>(base);
  const [verifyOpen, setVerifyOpen] = useState(false);

  const files = useMemo(
    () => (tree.data && tree.data.target === target ? tree.data.files : []),
    [tree.data, target],
  );

  function chooseTarget(next: string) {
    setParams((current) => {
      const out = new URLSearchParams(current);
      out.set("target", next);
      out.delete("file");
      return out;
    });
  }

  if (version === null) return <p>This project has no version yet: save a spec first.</p>;
  return (
    <div className="code-page">
      <h2>Generated code</h2>
      <div className="code-toolbar">
        <label>
          Target{" "}
          <select value={target} onChange={(e) => chooseTarget(e.target.value)}>
            {TARGETS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <a className="button-link" href={apiUrl(`${base}/zip`)} download>
          Download zip
        </a>
        <button type="button" onClick={() => setVerifyOpen(true)} aria-expanded={verifyOpen}>
          Run verify…
        </button>
        <span className="muted">
          {files.length > 0 && `${files.length} files for ${target}, v${version}`}
        </span>
      </div>
      {verifyOpen && (
        <VerifyPanel
          projectId={project.id}
          version={version}
          target={target}
          onClose={() => setVerifyOpen(false)}
        />
      )}
      <ErrorNote error={tree.error} />
      {tree.loading && <Loading what={`Generating ${target}`} />}
      {base !== null && files.length > 0 && (
        <FileBrowser key={`${target}-${version}`} base={base} files={files} />
      )}
    </div>
  );
}

// The spec editor: the .nest text (highlighted, checked as you type) next to the visual ER
// editor, kept in sync both ways — ER edits rewrite the text, text edits redraw the graph.
import { useCallback, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { allows } from "../../api/types";
import { NestEditor } from "../../components/NestEditor";
import { ErrorNote, Loading } from "../../components/Status";
import { ErEditError, toSnake } from "../../lib/er/names";
import { useProject } from "../../project";
import type { Edit } from "./edit";
import { ErCanvas } from "./ErCanvas";
import { ErPanel } from "./ErPanel";
import type { RelationDraft } from "./RelationForm";
import { SpecToolbar } from "./SpecToolbar";
import { useSpecGraph } from "./useSpecGraph";
import { useUnsavedGuard } from "./useUnsavedGuard";
import "../../components/forms.css";
import "./spec.css";

interface VersionOut {
  number: number;
  text: string;
}

/** The text a project without versions starts from. */
export function starterSpec(projectName: string): string {
  const name = toSnake(
    projectName
      .replace(/[^A-Za-z0-9]+/g, " ")
      .trim()
      .replace(/ +/g, "_"),
  );
  return `project ${name || "my_project"} {\n  auth jwt\n  database postgresql\n}\n`;
}

export function SpecPage() {
  const { project, role, version } = useProject();
  const [text, setText] = useState<string | null>(null);
  // The text as loaded or last saved: edits beyond it are unsaved.
  const [baseline, setBaseline] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<Error | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [relationDraft, setRelationDraft] = useState<RelationDraft | null>(null);
  const editable = allows(role, "editor");
  const { graph, readable, error: graphError } = useSpecGraph(text);

  // The version just saved from this page: its text is already in the editor.
  const saved = useRef<number | null>(null);

  const dirty = text !== null && baseline !== null && text !== baseline;
  const release = useUnsavedGuard(dirty);

  useEffect(() => {
    const show = (loaded: string) => {
      setText(loaded);
      setBaseline(loaded);
    };
    if (version === null) {
      show(starterSpec(project.name));
      return;
    }
    if (version === saved.current) return;
    const controller = new AbortController();
    api<VersionOut>(`/projects/${project.id}/versions/${version}`, { signal: controller.signal })
      .then((out) => show(out.text))
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setLoadError(reason instanceof Error ? reason : undefined);
      });
    return () => controller.abort();
  }, [project.id, project.name, version]);

  const apply = useCallback(
    (edit: Edit): string | null => {
      if (text === null) return "the text is still loading";
      try {
        setText(edit(text));
        return null;
      } catch (reason) {
        if (reason instanceof ErEditError) return reason.message;
        throw reason;
      }
    },
    [text],
  );

  const onConnect = useCallback((from: string, to: string) => {
    setRelationDraft({ from, to, drawn: true });
  }, []);

  if (loadError) return <ErrorNote error={loadError} />;
  if (text === null) return <Loading what="Loading the spec" />;
  return (
    <div className="spec-page">
      <SpecToolbar
        text={text}
        editable={editable}
        onText={setText}
        onSaved={(number, savedText) => {
          saved.current = number;
          release(); // the toolbar shows the saved version next: nothing is discarded
          setBaseline(savedText);
        }}
      />
      <div className="spec-grid">
        <section className="spec-text" aria-labelledby="spec-text-heading">
          <h2 id="spec-text-heading">
            Spec text{dirty && <span className="muted"> (unsaved changes)</span>}
          </h2>
          <NestEditor
            value={text}
            onChange={setText}
            readOnly={!editable}
            lint
            label={`Spec of ${project.name}${editable ? "" : " (read-only)"}`}
          />
        </section>
        <section className="spec-er" aria-labelledby="spec-er-heading">
          <h2 id="spec-er-heading">Entities and relations</h2>
          <ErrorNote error={graphError} />
          {!readable && (
            <p className="warning-note" role="status">
              The text cannot be read as it stands; the graph shows the last readable version.
            </p>
          )}
          {graph === null ? (
            <Loading what="Drawing the graph" />
          ) : (
            <div className="er-layout">
              <ErCanvas
                graph={graph}
                projectId={project.id}
                selected={selected}
                onSelect={setSelected}
                onConnect={onConnect}
                editable={editable}
              />
              <ErPanel
                graph={graph}
                selected={selected}
                onSelect={setSelected}
                editable={editable && readable}
                apply={apply}
                relationDraft={relationDraft}
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

// The file tree with a search box (paths, and contents on request) beside the open file.
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";

import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { CodeViewer } from "./CodeViewer";
import { FileTree } from "./FileTree";
import { SearchBar } from "./SearchBar";
import { findMatches, matchingPaths } from "./search";
import { allDirs, ancestors, buildTree, pruneTree } from "./tree";
import type { FileEntry } from "./tree";
import { useContents } from "./useContents";

export function FileBrowser({ base, files }: { base: string; files: FileEntry[] }) {
  const [params, setParams] = useSearchParams();
  const selected = params.get("file");
  const [query, setQuery] = useState("");
  const [inContents, setInContents] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(ancestors(selected ?? "")));
  const [focused, setFocused] = useState<string | null>(selected);
  const [current, setCurrent] = useState(-1);

  const paths = useMemo(() => files.map((f) => f.path), [files]);
  const tree = useMemo(() => buildTree(files), [files]);
  const contents = useContents(base, paths, inContents && query.trim() !== "");
  const filtering = query.trim() !== "";
  const keep = useMemo(
    () => matchingPaths(paths, query, inContents ? contents.texts : undefined),
    [paths, query, inContents, contents.texts],
  );
  const shown = filtering ? pruneTree(tree, keep) : tree;
  const open = filtering ? new Set(allDirs(shown)) : expanded;

  const file = useApi<{ path: string; text: string }>(
    selected && paths.includes(selected)
      ? `${base}/file?path=${encodeURIComponent(selected)}`
      : null,
  );
  const text = file.data && file.data.path === selected ? file.data.text : null;
  const matches = useMemo(() => (text === null ? [] : findMatches(text, query)), [text, query]);
  const active = current >= matches.length ? -1 : current;

  function openFile(path: string) {
    setParams((now) => {
      const out = new URLSearchParams(now);
      out.set("file", path);
      return out;
    });
    setCurrent(-1);
  }

  function toggle(path: string, isOpen: boolean) {
    if (filtering) return;
    setExpanded((now) => {
      const out = new Set(now);
      if (isOpen) out.add(path);
      else out.delete(path);
      return out;
    });
  }

  return (
    <div className="file-browser">
      <div className="file-side">
        <SearchBar
          query={query}
          onQuery={(q) => {
            setQuery(q);
            setCurrent(-1);
          }}
          inContents={inContents}
          onInContents={setInContents}
          shown={keep.size}
          total={paths.length}
          loading={inContents && filtering && contents.loaded < contents.total}
          matches={matches.length}
          current={active}
          onStep={setCurrent}
          fileName={text === null ? null : selected}
        />
        <ErrorNote error={contents.error} />
        <FileTree
          nodes={shown}
          expanded={open}
          onToggle={toggle}
          selected={selected}
          onOpen={openFile}
          focused={focused}
          onFocus={setFocused}
        />
      </div>
      <section className="file-main" aria-label="Open file">
        {selected === null && <p className="muted">Choose a file in the tree to read it.</p>}
        <ErrorNote error={file.error} />
        {file.loading && <Loading what={`Loading ${selected}`} />}
        {text !== null && selected !== null && (
          <>
            <h3 className="file-title mono">{selected}</h3>
            <CodeViewer path={selected} text={text} matches={matches} current={active} />
          </>
        )}
      </section>
    </div>
  );
}

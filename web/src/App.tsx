// The route table. Each page is its own chunk, loaded when first visited.
import { lazy, Suspense } from "react";
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  RouterProvider,
} from "react-router";

import { AuthProvider } from "./auth";
import { Layout } from "./components/Layout";
import { ProjectLayout } from "./components/ProjectLayout";
import { Loading } from "./components/Status";

const LoginPage = lazy(() =>
  import("./views/auth/LoginPage").then((m) => ({ default: m.LoginPage })),
);
const HomePage = lazy(() => import("./views/home/HomePage").then((m) => ({ default: m.HomePage })));
const StartPage = lazy(() =>
  import("./views/start/StartPage").then((m) => ({ default: m.StartPage })),
);
const SpecPage = lazy(() => import("./views/spec/SpecPage").then((m) => ({ default: m.SpecPage })));
const DesignPage = lazy(() =>
  import("./views/design/DesignPage").then((m) => ({ default: m.DesignPage })),
);
const CodePage = lazy(() => import("./views/code/CodePage").then((m) => ({ default: m.CodePage })));
const MonitorPage = lazy(() =>
  import("./views/monitor/MonitorPage").then((m) => ({ default: m.MonitorPage })),
);

// A data router: it lets a page block navigation (unsaved spec edits, the Back button too).
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route
      element={
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      }
    >
      <Route path="/login" element={<LoginPage />} />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="start" element={<StartPage />} />
        <Route path="projects/:projectId" element={<ProjectLayout />}>
          <Route index element={<Navigate to="spec" replace />} />
          <Route path="spec" element={<SpecPage />} />
          <Route path="design" element={<DesignPage />} />
          <Route path="code" element={<CodePage />} />
        </Route>
        <Route path="workspaces/:workspaceId/monitor" element={<MonitorPage />} />
        <Route path="workspaces/:workspaceId/monitor/:modelId" element={<MonitorPage />} />
        <Route path="*" element={<p>No page here.</p>} />
      </Route>
    </Route>,
  ),
);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}

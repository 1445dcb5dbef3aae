import "vazirmatn/Vazirmatn-font-face.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, Suspense, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { setUnauthorizedHandler } from "./app/api";
import { goToSignIn } from "./app/auth";
import { i18nReady } from "./app/i18n";
import { queryClient } from "./app/queryClient";
import { router } from "./app/router";
import { AppThemeProvider } from "./app/theme";
import { Loading } from "./components/Loading";
import { NotifierProvider } from "./components/Notifier";

// A 401 anywhere means the session is gone: sign in again (the sign-in page is its own page, login.html).
setUnauthorizedHandler(goToSignIn);

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

// A transition: React renders the first screen in slices and keeps the page responsive meanwhile.
// The frame's strings (a small chunk, preloaded from index.html) arrive first.
const app = createRoot(root);
void i18nReady.then(() =>
  startTransition(() =>
    app.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <AppThemeProvider>
            <NotifierProvider>
              <Suspense fallback={<Loading minHeight="100vh" />}>
                <RouterProvider router={router} />
              </Suspense>
            </NotifierProvider>
          </AppThemeProvider>
        </QueryClientProvider>
      </StrictMode>,
    ),
  ),
);

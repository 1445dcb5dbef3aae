import type { FormEvent, ReactNode } from "react";

/**
 * A form around a dialog's title, content and actions that leaves the
 * dialog's layout alone (display: contents) and skips the browser's own
 * validation bubbles, which would not speak the UI language.
 */
export function DialogForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      style={{ display: "contents" }}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

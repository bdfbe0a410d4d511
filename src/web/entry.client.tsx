import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { HydratedRouter } from 'react-router/dom';
import { MessagesProvider } from './kit/i18n.js';

declare global {
  interface Window {
    /** Set by /i18n/<locale>.js, loaded before this script. */
    __polityMessages?: Record<string, string>;
  }
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <MessagesProvider messages={window.__polityMessages ?? {}}>
        <HydratedRouter />
      </MessagesProvider>
    </StrictMode>,
  );
});

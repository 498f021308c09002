import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  failed: boolean;
}

/** A screen that breaks shows what to do, and the rest of the console keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="state state-error" role="alert">
            <p className="state-title">{t('errors.screenFailed')}</p>
            <p className="state-hint">{t('errors.hint.reload')}</p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}

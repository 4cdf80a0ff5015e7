/**
 * Form fields shared by the inspector and the settings: a draft is kept while typing and
 * committed on Enter or blur; a value that fails its check is shown in red with the reason
 * and never reaches the project.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import '../styles/forms.css';

interface FieldFrameProps {
  label: string;
  htmlFor: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  errorTestId?: string | undefined;
  children: ReactNode;
}

export function FieldFrame({ label, htmlFor, hint, error, errorTestId, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error ? (
        <div className="field__error" role="alert" data-testid={errorTestId}>
          {error}
        </div>
      ) : (
        hint && <div className="field__hint">{hint}</div>
      )}
    </div>
  );
}

interface TextCommitProps<T> {
  label: string;
  value: T;
  /** Text shown for the value. */
  format(value: T): string;
  /** The value typed, or an error message. */
  parse(text: string): { value: T } | { error: string };
  /** Commits; returns why the value is refused, or null. */
  onCommit(value: T): string | null;
  hint?: string | undefined;
  unit?: string | undefined;
  testId?: string | undefined;
  placeholder?: string | undefined;
  inputMode?: 'decimal' | 'numeric' | 'text';
}

/** A text input that commits a parsed value on Enter or blur. */
export function CommitField<T>({ label, value, format, parse, onCommit, hint, unit, testId, placeholder, inputMode = 'text' }: TextCommitProps<T>) {
  const id = useId();
  const shown = format(value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(shown);
    setError(null);
  }, [shown]);

  const commit = () => {
    if (draft === shown && !error) return;
    const parsed = parse(draft);
    if ('error' in parsed) return setError(parsed.error);
    const refused = onCommit(parsed.value);
    setError(refused);
    if (!refused) setDraft(format(parsed.value));
  };
  return (
    <FieldFrame label={label} htmlFor={id} hint={hint} error={error} errorTestId={testId && `${testId}-error`}>
      <div className="field__control">
        <input
          id={id}
          className="input"
          value={draft}
          inputMode={inputMode}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') (setDraft(shown), setError(null));
          }}
          data-testid={testId}
        />
        {unit && <span className="field__unit">{unit}</span>}
      </div>
    </FieldFrame>
  );
}

/** Parses a number the way people type it ("0.01", "1e-3", " 32 "). */
export function parseNumber(text: string, label: string): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `${label} needs a value` };
  const n = Number(t);
  return Number.isFinite(n) ? { value: n } : { error: `${label} must be a number (got '${t}')` };
}

interface NumberFieldProps {
  label: string;
  value: number;
  onCommit(value: number): string | null;
  /** Checks before committing: the reason it is refused, or null. */
  check?(value: number): string | null;
  hint?: string | undefined;
  unit?: string | undefined;
  testId?: string | undefined;
}

export function NumberField({ label, value, onCommit, check, ...rest }: NumberFieldProps) {
  return (
    <CommitField
      label={label}
      value={value}
      format={(v) => String(v)}
      parse={(text) => parseNumber(text, label)}
      onCommit={(v) => check?.(v) ?? onCommit(v)}
      inputMode="decimal"
      {...rest}
    />
  );
}

interface SelectFieldProps<O extends string> {
  label: string;
  value: O;
  options: readonly { value: O; label: string }[];
  onChange(value: O): void;
  hint?: string | undefined;
  testId?: string | undefined;
}

export function SelectField<O extends string>({ label, value, options, onChange, hint, testId }: SelectFieldProps<O>) {
  const id = useId();
  return (
    <FieldFrame label={label} htmlFor={id} hint={hint}>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value as O)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  /** May return why the change is refused; the box then stays as it was and the reason shows. */
  onChange(checked: boolean): string | null | void;
  hint?: string | undefined;
  testId?: string | undefined;
}

export function CheckboxField({ label, checked, onChange, hint, testId }: CheckboxFieldProps) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className={`field field--checkbox${error ? ' has-error' : ''}`}>
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => setError(onChange(e.target.checked) || null)} data-testid={testId} />
        <span>{label}</span>
      </label>
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field__hint">{hint}</div>
      )}
    </div>
  );
}

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="form-section">
      <div className="form-section__header">
        <h3 className="form-section__title">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

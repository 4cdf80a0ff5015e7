/** One param of a block: typed, applied on Enter or when leaving the field; refused values stay red with the reason. */
import { useEffect, useState } from 'react';

export function ParamField({ label, value, testId, check, onCommit, wide }: {
  label: string;
  value: string;
  testId: string;
  /** The problem with `text`, or null if it can be applied. */
  check(text: string): string | null;
  onCommit(text: string): void;
  wide?: boolean;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  const commit = () => {
    if (text === value) return setError(null);
    const problem = check(text);
    setError(problem);
    if (!problem) onCommit(text);
  };
  return (
    <label className={`cg-field${wide ? ' is-wide' : ''}`}>
      <span className="cg-field__label">{label}</span>
      <input
        className={`cg-field__input${error ? ' has-error' : ''}`}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(value);
            setError(null);
          }
        }}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      {error && <span className="cg-field__error" data-testid={`${testId}-error`}>{error}</span>}
    </label>
  );
}

export const numberProblem = (text: string): string | null => (text.trim() !== '' && Number.isFinite(Number(text)) ? null : `'${text}' is not a number`);

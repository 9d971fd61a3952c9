import { useState, type FormEvent, type ReactNode } from 'react';
import { TextField } from './TextField';

interface PasswordFormProps {
  /** The form's own class, beside the shell's `stack`. */
  className: string;
  testId: string;
  inputId: string;
  label: string;
  autoComplete: string;
  /** Whether the keychain may keep it; the box to ask is shown only then, ticked at first. */
  canSave: boolean;
  saveLabel: string;
  submitLabel: string;
  /** Called with the typed password, which the form then clears, and whether to keep it in the keychain. */
  onSubmit: (password: string, save: boolean) => void;
  /** What stands above the password: why it is asked, any other field. */
  children: ReactNode;
}

/** Asks for a password once, optionally to be kept in the keychain. */
export const PasswordForm = (props: PasswordFormProps) => {
  const { canSave, onSubmit } = props;
  const [password, setPassword] = useState('');
  const [save, setSave] = useState(canSave);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit(password, save && canSave);
    setPassword('');
  };
  return (
    <form className={`stack ${props.className}`} data-testid={props.testId} onSubmit={submit}>
      {props.children}
      <TextField
        id={props.inputId}
        label={props.label}
        type="password"
        autoComplete={props.autoComplete}
        value={password}
        onValue={setPassword}
      />
      {canSave && (
        <label className="inline">
          <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} />
          {props.saveLabel}
        </label>
      )}
      <div className="inline">
        <button type="submit" disabled={password === ''}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
};

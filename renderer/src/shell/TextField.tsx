import type { InputHTMLAttributes, ReactNode } from 'react';

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: ReactNode;
  value: string;
  /** The text as typed, on every change. */
  onValue: (value: string) => void;
};

/** A text input with its label beside it, for a form laid out in a line. */
export const LabelledInput = ({ id, label, value, onValue, ...input }: TextInputProps) => (
  <>
    <label htmlFor={id}>{label}</label>
    <input id={id} value={value} onChange={(event) => onValue(event.target.value)} {...input} />
  </>
);

/** A labelled text input in the shell's `.field` grid; `children` (a hint, say) follow the input. */
export const TextField = ({ wide, children, ...input }: TextInputProps & { wide?: boolean; children?: ReactNode }) => (
  <div className={wide ? 'field field-wide' : 'field'}>
    <LabelledInput {...input} />
    {children}
  </div>
);

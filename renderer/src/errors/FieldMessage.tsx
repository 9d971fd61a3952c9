import { useTranslation } from 'react-i18next';
import { sentenceOf, type ShownError } from './catalogue';
import './errors.css';

/** A field's own message, under it: give the input `aria-invalid` and `aria-describedby={id}`. Used instead of browser bubbles. */
export const FieldMessage = ({ id, error }: { id: string; error: ShownError }) => {
  const { t, i18n } = useTranslation();
  return (
    <p id={id} className="field-message" data-problem={error.problem.code}>
      {sentenceOf(t, i18n.language, error.problem)}
    </p>
  );
};

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Twelve keys; each press hands its digit on (to the number being typed, or as a tone in a call). */
export const DialPad = ({ label, onDigit }: { label: string; onDigit(digit: string): void }) => (
  <div className="dial-pad" role="group" aria-label={label}>
    {KEYS.map((key) => (
      <button key={key} type="button" data-digit={key} onClick={() => onDigit(key)}>
        {key}
      </button>
    ))}
  </div>
);

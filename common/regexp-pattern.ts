/** Whether a pattern from a profile is a regular expression these flags accept, so a bad one fails validation, not at use. */
export const compilesAsRegExp = (pattern: string, flags: string): boolean => {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
};

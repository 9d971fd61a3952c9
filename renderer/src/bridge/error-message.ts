/** Kept for importers not yet moved to common/error-message, which is where new code imports it from. */
export { messageOf } from '../../../common/error-message';

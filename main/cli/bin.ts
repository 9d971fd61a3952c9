import { main } from './index';
import { messageOf } from '../../common/error-message';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scrivania: ${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);

// A stand-in for @napi-rs/keyring's synchronous Entry, loaded by the keychain worker in unit tests: it blocks its
// thread the way a native call does. Account "stuck" never returns; "slow-<ms>" returns after <ms>; the rest answer
// at once from memory.
const stored = new Map();
const block = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
class Entry {
  constructor(service, account) {
    this.account = account;
  }
  getPassword() {
    if (this.account === 'stuck') block(60_000);
    const slow = /^slow-(\d+)$/.exec(this.account);
    if (slow) block(Number(slow[1]));
    return stored.get(this.account) ?? null;
  }
  setPassword(secret) {
    stored.set(this.account, secret);
  }
  deleteCredential() {
    return stored.delete(this.account);
  }
}
module.exports = { Entry };

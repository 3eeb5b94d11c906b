// `vsce package` never stores credentials; `vsce login` and `vsce publish` with a stored token do.
const unavailable = () => Promise.reject(new Error('keytar is not installed here: pass a token with --pat instead.'));
module.exports = { getPassword: unavailable, setPassword: unavailable, deletePassword: unavailable, findCredentials: unavailable, findPassword: unavailable };

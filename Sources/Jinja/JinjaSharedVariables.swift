/// Variables many renders of one template have in common (a model's BOS and EOS tokens,
/// `strftime_now`, a server's settings), resolved once against the names the template uses,
/// together with the built-in globals: a render then finds them by the name's number instead of
/// hashing the name at every lookup (chat templates look up `bos_token` or `raise_exception` in
/// every message). Made by `JinjaTemplate.sharing(_:)` for that template only.
public struct JinjaSharedVariables {
    /// By name number: the shared value, else the global of that name, else nil.
    let bySymbol: [JinjaValue?]
}

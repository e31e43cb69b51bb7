namespace CampaignMcp.Tests.Fuzzing;

/// <summary>
/// The place for fuzzing the OAuth form-body parser (<c>grant_type=client_credentials|refresh_token</c>),
/// which is being written on main and is not on this branch yet. Its inputs are ready:
/// <see cref="TestSupport.BodyInputs.FormBodies"/> (valid, mutated, invalid UTF-8, random). The property to
/// add: the parser never throws, and returns either a request or a reason, as TokenRequestFuzzTests does
/// for the JSON body; then the same bodies over loopback HTTP with
/// <c>application/x-www-form-urlencoded</c> in TokenEndpointFuzzTests must never get a 500.
/// </summary>
public sealed class OAuthFormRequestFuzzTests
{
}

using System.Text.Json.Serialization;

namespace CampaignMcp.SignIn;

[JsonSerializable(typeof(PendingProviderSignIn))]
[JsonSerializable(typeof(SignInTicket))]
internal sealed partial class SignInJsonContext : JsonSerializerContext;

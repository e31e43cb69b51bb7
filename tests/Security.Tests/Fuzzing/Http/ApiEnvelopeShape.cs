using System.Net;
using System.Text.Json;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>The REST envelope of the token and upstream endpoints: <c>{success:true, data}</c> or <c>{success:false, error:{code, message}}</c>.</summary>
internal static class ApiEnvelopeShape
{
    public static void Assert(HttpStatusCode status, JsonElement body)
    {
        var success = body.GetProperty("success").GetBoolean();
        Xunit.Assert.Equal(status == HttpStatusCode.OK, success);
        if (success)
        {
            Xunit.Assert.Equal(JsonValueKind.Object, body.GetProperty("data").ValueKind);
        }
        else
        {
            var error = body.GetProperty("error");
            Xunit.Assert.Equal(JsonValueKind.String, error.GetProperty("code").ValueKind);
            Xunit.Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        }
    }
}

using System.Text.Json;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>What a well-formed JSON-RPC 2.0 reply is (https://www.jsonrpc.org/specification#response_object).</summary>
public static class JsonRpcShape
{
    /// <summary>One response object, or a non-empty array of them (a batch reply).</summary>
    public static void AssertReply(ReadOnlySpan<byte> json)
    {
        Assert.True(System.Text.Unicode.Utf8.IsValid(json), "the reply is not valid UTF-8");
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            Assert.NotEqual(0, root.GetArrayLength());
            foreach (var response in root.EnumerateArray())
            {
                AssertResponse(response);
            }
        }
        else
        {
            AssertResponse(root);
        }
    }

    public static void AssertResponse(JsonElement response)
    {
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.Equal("2.0", response.GetProperty("jsonrpc").GetString());
        Assert.True(response.TryGetProperty("id", out var id), "a response must carry an id (null when it could not be read)");
        Assert.Contains(id.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Number, JsonValueKind.Null });
        var hasResult = response.TryGetProperty("result", out _);
        var hasError = response.TryGetProperty("error", out var error);
        Assert.True(hasResult ^ hasError, "a response carries exactly one of result and error");
        if (hasError)
        {
            Assert.Equal(JsonValueKind.Object, error.ValueKind);
            Assert.True(error.GetProperty("code").TryGetInt32(out _), "error.code must be an integer");
            Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        }
    }

    /// <summary>A message the server sends before its reply (progress): a notification, no id.</summary>
    public static void AssertNotification(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("method").ValueKind);
        Assert.False(root.TryGetProperty("id", out _), "a notification has no id");
    }

    /// <summary>True when <paramref name="body"/> is JSON holding only notifications and responses: messages that get no reply.</summary>
    public static bool NeedsNoReply(ReadOnlySpan<byte> body)
    {
        try
        {
            // RFC 8259 §8.1: a parser may ignore a leading byte order mark, and the server does, so the oracle must too.
            using var document = JsonDocument.Parse(body.StartsWith("\uFEFF"u8) ? body[3..].ToArray() : body.ToArray());
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().All(IsNotificationOrResponse) : IsNotificationOrResponse(root);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // "method": null counts as no method (the SDK reads it so): {"id":1,"method":null,"result":{}} is a response.
    private static bool IsNotificationOrResponse(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && (!message.TryGetProperty("id", out _) || !message.TryGetProperty("method", out var method) || method.ValueKind == JsonValueKind.Null);
}

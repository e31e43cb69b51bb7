using System.Net;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>
/// The official C# SDK's OAuth support (ModelContextProtocol 2.4.0, <see cref="ClientOAuthOptions"/>): from a bare
/// 401 through discovery, Dynamic Client Registration, the sign-in page (submitted as its form) and the code
/// exchange (the SDK checks state and the RFC 9207 iss), to tool calls.
/// </summary>
public sealed class CSharpSdkOAuthClientTests
{
    [Fact]
    public async Task The_csharp_sdk_client_registers_signs_in_and_calls_tools()
    {
        await using var host = await RunningHost.StartAsync();
        var signIns = 0;
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.BaseUrl + "/api/v1/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri("http://localhost:43119/callback"),
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "C# SDK test client" },
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var (authorizationUri, redirectUri) = (context.AuthorizationUri, context.RedirectUri);
                    signIns++;
                    using var page = await browser.GetAsync(authorizationUri, cancellationToken);
                    Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                    var (fields, cookie) = await SignInFlow.FormAsync(page);
                    fields["api_key"] = RunningHost.ApiKey;
                    fields["decision"] = "approve";
                    using var submit = new HttpRequestMessage(HttpMethod.Post, authorizationUri.GetLeftPart(UriPartial.Path)) { Content = new FormUrlEncodedContent(fields) };
                    submit.Headers.Add("Cookie", cookie);
                    using var approved = await browser.SendAsync(submit, cancellationToken);
                    Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
                    var location = approved.Headers.Location!;
                    Assert.StartsWith(redirectUri.ToString(), location.ToString(), StringComparison.Ordinal);
                    var query = QueryHelpers.ParseQuery(location.Query);
                    return new AuthorizationResult { Code = query["code"].ToString(), State = query["state"].ToString(), Iss = query["iss"].ToString() };
                },
            },
        });

        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, tool => tool.Name == "list_campaigns");
        var result = await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["limit"] = 2 });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal(1, signIns);
        Assert.Contains(host.Logs.Lines, line => line.Contains("[1801]", StringComparison.Ordinal) && line.Contains("admitted as claude", StringComparison.Ordinal));
    }
}

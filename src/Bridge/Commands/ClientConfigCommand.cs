namespace CampaignMcp.Bridge.Commands;

/// <summary>
/// <c>campaign-mcp-bridge config</c>: ready-to-paste configuration for the desktop clients. Where the
/// client can read the key from the environment or a secret prompt, the file gets a reference, not the key.
/// </summary>
public static class ClientConfigCommand
{
    public static int Run(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        var index = args.ToList().IndexOf("--server-url");
        var serverUrl = index >= 0 && index + 1 < args.Count ? args[index + 1] : environment("MCP_SERVER_URL") ?? "https://<your-function-app>.azurewebsites.net";
        if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out _) && !serverUrl.Contains('<', StringComparison.Ordinal))
        {
            error.WriteLine($"config: '{serverUrl}' is not a URL; pass --server-url https://<app>.azurewebsites.net");
            return 2;
        }

        output.WriteLine($$$"""
            Claude Desktop (claude_desktop_config.json; Claude Desktop cannot read the key from elsewhere, so it goes here):
            {
              "mcpServers": {
                "campaigns": {
                  "command": "campaign-mcp-bridge",
                  "env": { "MCP_SERVER_URL": "{{{serverUrl}}}", "API_KEY": "<your API key>" }
                }
              }
            }

            Cursor (~/.cursor/mcp.json; the key comes from the API_KEY environment variable):
            {
              "mcpServers": {
                "campaigns": {
                  "command": "campaign-mcp-bridge",
                  "env": { "MCP_SERVER_URL": "{{{serverUrl}}}", "API_KEY": "${env:API_KEY}" }
                }
              }
            }

            VS Code (.vscode/mcp.json; VS Code asks for the key once and stores it as a secret):
            {
              "inputs": [ { "type": "promptString", "id": "campaign-mcp-api-key", "description": "Campaign MCP API key", "password": true } ],
              "servers": {
                "campaigns": {
                  "type": "stdio",
                  "command": "campaign-mcp-bridge",
                  "env": { "MCP_SERVER_URL": "{{{serverUrl}}}", "API_KEY": "${input:campaign-mcp-api-key}" }
                }
              }
            }

            Continue (~/.continue/config.yaml; the key comes from Continue's secrets):
            mcpServers:
              - name: campaigns
                command: campaign-mcp-bridge
                env:
                  MCP_SERVER_URL: {{{serverUrl}}}
                  API_KEY: ${{ secrets.CAMPAIGN_MCP_API_KEY }}
            """);
        return 0;
    }
}

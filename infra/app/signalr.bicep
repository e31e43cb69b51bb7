// Azure SignalR Service in Serverless mode. Its upstream calls the message-handler function for
// hub 'mcp' only. Every upstream call carries X-ASRS-Signature (HMAC-SHA256 of the connection id with the
// AccessKey), which the handler verifies; that signature never expires and does not cover the body, so the
// URL also carries a function key (the handler is function level) that only the service and the app know.
// Upstream auth stays 'None': the service's managed-identity auth would add an Entra token with an expiry
// (https://learn.microsoft.com/azure/azure-signalr/howto-use-managed-identity), at the cost of an app
// registration to be its audience and of the handler validating Entra tokens, which it does not do today.
// The connection string (which holds the AccessKey) goes straight into Key Vault, never an output.
param location string
param tags object
param name string
param sku string
param upstreamUrlTemplate string

@secure()
@description('The message handler\'s function key, appended to the upstream URL as ?code=.')
param upstreamFunctionKey string
param keyVaultName string

@description('Browser origins allowed on the client endpoint: the same list as MCP_CORS_ORIGIN.')
param corsOrigins array

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: { name: sku, capacity: 1 }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'true' }
    ]
    upstream: {
      templates: [
        {
          hubPattern: 'mcp'
          categoryPattern: '*'
          eventPattern: '*'
          urlTemplate: '${upstreamUrlTemplate}?code=${upstreamFunctionKey}'
          auth: { type: 'None' }
        }
      ]
    }
    cors: { allowedOrigins: corsOrigins }
    tls: { clientCertEnabled: false }
    disableLocalAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'azure-signalr-connection-string'
  properties: {
    value: signalR.listKeys().primaryConnectionString
    contentType: 'AzureSignalRConnectionString'
  }
}

output name string = signalR.name
output connectionStringSecretUri string = connectionStringSecret.properties.secretUri

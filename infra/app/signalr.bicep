// Azure SignalR Service in Serverless mode. Its upstream calls the message-handler function for
// hub 'mcp' only. Upstream auth is 'None' on purpose: every upstream call carries X-ASRS-Signature
// (HMAC-SHA256 of the connection id with the AccessKey), which the handler verifies before anything
// else; a managed-identity token on top would need an Entra app registration and be redundant.
// The connection string (which holds the AccessKey) goes straight into Key Vault, never an output.
param location string
param tags object
param name string
param sku string
param upstreamUrlTemplate string
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
          urlTemplate: upstreamUrlTemplate
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

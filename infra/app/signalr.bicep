// Azure SignalR Service in Serverless mode. Its upstream calls the message-handler function for hub 'mcp' only,
// with a function key in the URL (the handler is function level) that only the service and the app know.
// Local auth (access keys) is off by default, as Azure recommends: the app authenticates with its managed identity
// through Microsoft Entra ID (roles.bicep grants it SignalR App Server and SignalR REST API Owner), so there is no
// key to copy into Key Vault.
// https://learn.microsoft.com/azure/azure-signalr/signalr-concept-authorize-azure-active-directory
// With `disableLocalAuth` false the service keeps its keys, and the connection string (which holds the AccessKey)
// goes straight into Key Vault, never an output; each upstream call then also carries X-ASRS-Signature.
// Upstream authentication with a managed identity needs an app registration to be the token's audience
// (https://learn.microsoft.com/azure/azure-signalr/concept-upstream#authentication): when `upstreamAudience` names
// one, the service runs as the user-assigned identity and every upstream call carries its token for that audience.
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

@description('True (the default in main.bicep): no access keys; apps authenticate with Microsoft Entra ID.')
param disableLocalAuth bool

@description('App ID URI of the app registration that upstream tokens are issued for; empty for no upstream token.')
param upstreamAudience string

@description('Resource id of the user-assigned identity the service runs as for upstream tokens.')
param identityId string

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: { name: sku, capacity: 1 }
  identity: empty(upstreamAudience) ? null : {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
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
          auth: empty(upstreamAudience) ? { type: 'None' } : { type: 'ManagedIdentity', managedIdentity: { resource: upstreamAudience } }
        }
      ]
    }
    cors: { allowedOrigins: corsOrigins }
    tls: { clientCertEnabled: false }
    disableLocalAuth: disableLocalAuth
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!disableLocalAuth) {
  parent: vault
  name: 'azure-signalr-connection-string'
  properties: {
    value: signalR.listKeys().primaryConnectionString
    contentType: 'AzureSignalRConnectionString'
  }
}

output name string = signalR.name
output hostName string = signalR.properties.hostName
// Empty with local auth disabled: there is no key, so no secret.
output connectionStringSecretUri string = disableLocalAuth ? '' : connectionStringSecret!.properties.secretUri

// The Function App on the Flex Consumption plan, .NET isolated worker, running as the user-assigned
// identity that identity.bicep creates and roles.bicep grants before this module runs (main.bicep's
// dependsOn). Every identity-based setting names that identity by client id: with no system-assigned
// identity there is nothing else to pick, and the choice is explicit for the host, the worker and Key Vault.
// App settings carry every variable the app reads, under the original server's names; secrets are
// Key Vault references only. Platform CORS stays empty on purpose: the app answers preflights
// itself from MCP_CORS_ORIGIN (platform CORS would intercept them without MCP's headers).
// siteConfig holds only what Flex Consumption accepts: ftpsState and http20Enabled are among the
// settings Flex rejects or ignores (there is no FTP endpoint on Flex).
// https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations
param location string
param tags object
param name string
param planName string
param storageAccountName string
param deploymentContainerUrl string
@description('The storage account\'s table endpoint, e.g. https://<account>.table.core.windows.net/')
param storageTableEndpoint string
param applicationInsightsConnectionString string
param dotnetVersion string
param maximumInstanceCount int
param instanceMemoryMB int
@description('Resource id of the user-assigned identity.')
param identityId string
@description('Client id of the user-assigned identity.')
param identityClientId string
param apiKeySecretUri string
param jwtSecretSecretUri string
@description('AzureSignalRConnectionString: identity-based (AuthType=azure.msi) or a Key Vault reference.')
param signalRConnectionString string
param signalRUpstreamAudience string
param signalRUpstreamIssuer string
param tokenExpiry string
param allowedClients string
param corsOrigins string

@secure()
@description('The host function key the SignalR upstream URL carries (the message handler is function level).')
param signalRUpstreamKey string
param oidcIssuer string
param oidcClientId string
param oidcAllowed string
param oidcRoleScopes string
param signInMethods string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Without this the platform resolves references with a system-assigned identity, which this app has not.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      cors: { allowedOrigins: [] }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage through the managed identity (no connection string, no key).
    // https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Entra-only ingestion: the host authenticates with this identity; the worker's exporter reads the same
    // setting for its credential (src/Functions/Telemetry/AzureMonitorTelemetry.cs).
    // https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The original server's variables, with production values.
    NODE_ENV: 'production'
    MCP_AUTH_ENABLED: 'true'
    MCP_TOKEN_EXPIRY: tokenExpiry
    MCP_ALLOWED_CLIENTS: allowedClients
    MCP_CORS_ORIGIN: corsOrigins
    API_KEY: '@Microsoft.KeyVault(SecretUri=${apiKeySecretUri})'
    MCP_JWT_SECRET: '@Microsoft.KeyVault(SecretUri=${jwtSecretSecretUri})'
    AzureSignalRConnectionString: signalRConnectionString
    // The service's managed-identity upstream token, checked when the audience is set (empty: not used).
    MCP_SIGNALR_UPSTREAM_AUDIENCE: signalRUpstreamAudience
    MCP_SIGNALR_UPSTREAM_ISSUER: signalRUpstreamIssuer
    // Campaigns and token state in Table Storage, through the identity (roles.bicep grants Storage Table
    // Data Contributor), in the identity-based form the Functions host documents for connections.
    MCP_STORE: 'table'
    MCP_STORAGE_CONNECTION__tableServiceUri: storageTableEndpoint
    MCP_STORAGE_CONNECTION__credential: 'managedidentity'
    MCP_STORAGE_CONNECTION__clientId: identityClientId
    // Sign-in with the organization's provider; blank values read as unset (API-key sign-in only). The client
    // assertion is this identity's token for api://AzureADTokenExchange, trusted by the app registration.
    // https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
    MCP_OIDC_ISSUER: oidcIssuer
    MCP_OIDC_CLIENT_ID: oidcClientId
    MCP_OIDC_MANAGED_IDENTITY_CLIENT_ID: empty(oidcIssuer) ? '' : identityClientId
    MCP_OIDC_ALLOWED: oidcAllowed
    MCP_OIDC_ROLE_SCOPES: oidcRoleScopes
    MCP_SIGNIN_METHODS: signInMethods
  }
}

// The key the service's upstream URL carries, as a named host function key: valid for the function-level
// message handler only, since every other function is anonymous.
// https://learn.microsoft.com/azure/azure-functions/function-keys-how-to
// ARM's host-key API (PUT sites/{app}/host/default/functionKeys/{name}) has no Bicep type schema, hence
// the suppressed BCP081; the name and body are those of that API.
// https://learn.microsoft.com/rest/api/appservice/web-apps/create-or-update-host-secret
#disable-next-line BCP081
resource signalRUpstreamFunctionKey 'Microsoft.Web/sites/host/functionKeys@2024-11-01' = {
  name: '${site.name}/default/signalr-upstream'
  properties: {
    name: 'signalr-upstream'
    value: signalRUpstreamKey
  }
  dependsOn: [ appSettings ]
}

// No basic-auth publishing: deployments go through Entra ID (azd, az, GitHub OIDC). Flex Consumption has
// no FTP endpoint, so only the scm policy applies.
// https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable
resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName

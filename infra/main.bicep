// Campaign MCP on Azure: `azd up` provisions this and deploys src/Functions.
// Function App (Flex Consumption, dotnet-isolated), Storage (identity only), Azure SignalR Service
// (Serverless, upstream to the message handler), Key Vault (RBAC) and Application Insights, all reached
// through one user-assigned identity that holds its roles before the app exists.
// Deploying needs Owner, User Access Administrator or Role Based Access Control Administrator on the
// subscription (the template writes role assignments); Contributor alone fails preflight.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags every resource.')
param environmentName string

// Regions that offer Flex Consumption with dotnet-isolated 10.0, as in Microsoft's Flex azd quickstart
// (Azure-Samples/functions-quickstart-dotnet-azd) less its canary region; check a region with
// `az functionapp list-flexconsumption-locations --runtime dotnet-isolated --runtime-version 10.0`.
// The azd metadata makes `azd up` offer only these in its region prompt.
// https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to#view-currently-supported-regions
@minLength(1)
@description('Azure region that offers the Flex Consumption plan with .NET 10.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

// The generator (`dotnet run --project src/Cli -- secrets --format azd`) makes a 32-hex-digit key and a
// 64-hex-digit secret; the bounds refuse placeholders before anything is deployed.
@secure()
@minLength(32)
@description('API_KEY: generate with `dotnet run --project src/Cli -- secrets --format azd`; store with `azd env set-secret API_KEY`.')
param apiKey string

@secure()
@minLength(64)
@description('MCP_JWT_SECRET: at least 256 bits (64 hex digits); same generator; store with `azd env set-secret MCP_JWT_SECRET`.')
param jwtSecret string

@description('MCP_CORS_ORIGIN: comma-separated browser origins; also the SignalR Service CORS list.')
param corsOrigins string = 'https://claude.ai,https://chat.openai.com,https://cursor.sh'

@description('MCP_ALLOWED_CLIENTS: client ids that may obtain tokens.')
param allowedClients string = 'claude,chatgpt,cursor,vscode,continue'

@description('MCP_TOKEN_EXPIRY: 90s, 30m, 24h, 7d or seconds.')
param tokenExpiry string = '24h'

// Sign-in with the organization's identity provider (docs/operations.md#sign-in-with-microsoft-entra-id). Empty: API-key
// sign-in only, as before. With an issuer, the app authenticates to the provider with its user-assigned identity as a
// federated identity credential of the app registration (created by the az command in that section): no secret.
@description('MCP_OIDC_ISSUER: e.g. https://login.microsoftonline.com/<tenant-id>/v2.0; empty turns provider sign-in off.')
param oidcIssuer string = ''

@description('MCP_OIDC_CLIENT_ID: the app registration\'s Application (client) ID.')
param oidcClientId string = ''

@description('MCP_OIDC_ALLOWED: tenant ids, @domains, role:Name or group:id that may sign in.')
param oidcAllowed string = ''

@description('MCP_OIDC_ROLE_SCOPES: Role=scope,scope;Role2=scope.')
param oidcRoleScopes string = ''

@description('MCP_SIGNIN_METHODS: idp, apikey or idp,apikey; empty: idp with an issuer, else apikey.')
param signInMethods string = ''

@description('.NET version of the isolated worker on Flex Consumption; must match the project TargetFramework.')
param dotnetVersion string = '10.0'

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param signalRSku string = 'Standard_S1'

// Azure's guidance: no access keys on SignalR Service; the app authenticates with its managed identity through
// Microsoft Entra ID. Set false only where a key-based connection string is required (it then lives in Key Vault).
// https://learn.microsoft.com/azure/azure-signalr/signalr-concept-authorize-azure-active-directory#disable-local-authentication
@description('SignalR Service without access keys (Microsoft Entra ID only). False keeps the keys and puts the connection string in Key Vault.')
param signalRDisableLocalAuth bool = true

// The service's managed-identity upstream token needs an app registration as its audience, which this template
// does not create: name its Application ID URI (and the issuer, when the registration takes v2.0 tokens) to turn it on.
@description('Application ID URI that SignalR upstream tokens are issued for (MCP_SIGNALR_UPSTREAM_AUDIENCE); empty: no upstream token.')
param signalRUpstreamAudience string = ''

@description('Issuer of the upstream tokens (MCP_SIGNALR_UPSTREAM_ISSUER); empty: the tenant\'s v1.0 issuer, https://sts.windows.net/<tenant id>/.')
param signalRUpstreamIssuer string = ''

// A fresh value on every provision, written to the app's host keys and the upstream URL in the same
// deployment: the SignalR message handler is function level, and only the service knows this key.
@secure()
@description('Function key the SignalR upstream URL carries to the message handler; leave to the default.')
param signalRUpstreamKey string = newGuid()

// Off by default so that `azd down --purge` removes the vault and the same environment can be provisioned
// again at once (azd does not purge a purge-protected vault: its name stays taken for the 7-day retention).
// Turn it on for production: `azd env set AZURE_KEY_VAULT_PURGE_PROTECTION true`. It can never be turned off.
// https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
@description('Key Vault purge protection: on for production, off for disposable environments.')
param keyVaultPurgeProtection bool = false

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${token}'
var deploymentContainerName = 'app-package-${take(token, 12)}'
// Known before the app exists, so the SignalR upstream and the app can be created without a cycle.
var functionHostName = '${functionAppName}.azurewebsites.net'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'id-${token}'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'st${take(token, 20)}'
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'kv-${take(token, 20)}'
    enablePurgeProtection: keyVaultPurgeProtection
    apiKey: apiKey
    jwtSecret: jwtSecret
  }
}

module signalR 'app/signalr.bicep' = {
  name: 'signalr'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'sigr-${token}'
    sku: signalRSku
    upstreamUrlTemplate: 'https://${functionHostName}/api/v1/mcp/signalr/upstream/{hub}/{category}/{event}'
    upstreamFunctionKey: signalRUpstreamKey
    keyVaultName: keyVault.outputs.name
    // Trimmed and without empty entries, as the app reads MCP_CORS_ORIGIN.
    corsOrigins: filter(map(split(corsOrigins, ','), origin => trim(origin)), origin => !empty(origin))
    disableLocalAuth: signalRDisableLocalAuth
    upstreamAudience: signalRUpstreamAudience
    identityId: identity.outputs.id
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: resourceGroup
  params: {
    principalId: identity.outputs.principalId
    signalRName: signalR.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

// Created only once the identity holds every role: Key Vault references resolve, the host and the deployment
// upload reach storage, and SignalR Service grants the app its access keys, from the first start (no 403 race, no cached unresolved reference).
module functionApp 'app/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${token}'
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    apiKeySecretUri: keyVault.outputs.apiKeySecretUri
    jwtSecretSecretUri: keyVault.outputs.jwtSecretSecretUri
    // The identity-based connection string the SDKs document (no secret in it), or the Key Vault reference to the keyed one.
    // https://learn.microsoft.com/azure/azure-signalr/concept-connection-string#use-microsoft-entra-id
    signalRConnectionString: signalRDisableLocalAuth
      ? 'Endpoint=https://${signalR.outputs.hostName};AuthType=azure.msi;ClientId=${identity.outputs.clientId};Version=1.0;'
      : '@Microsoft.KeyVault(SecretUri=${signalR.outputs.connectionStringSecretUri})'
    signalRUpstreamAudience: signalRUpstreamAudience
    signalRUpstreamIssuer: empty(signalRUpstreamAudience) ? '' : (empty(signalRUpstreamIssuer) ? 'https://sts.windows.net/${tenant().tenantId}/' : signalRUpstreamIssuer)
    tokenExpiry: tokenExpiry
    allowedClients: allowedClients
    corsOrigins: corsOrigins
    signalRUpstreamKey: signalRUpstreamKey
    oidcIssuer: oidcIssuer
    oidcClientId: oidcClientId
    oidcAllowed: oidcAllowed
    oidcRoleScopes: oidcRoleScopes
    signInMethods: signInMethods
  }
  dependsOn: [ roles ]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output MCP_SERVER_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_SIGNALR_NAME string = signalR.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
// The federated credential's subject (az ad app federated-credential create ... "subject": this value).
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

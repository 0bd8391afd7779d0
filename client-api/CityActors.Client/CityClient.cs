using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.ClientApi.Contracts;
using CityActors.Grains.Access;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;
using CityActors.Grains.Kinds;
using CityActors.Grains.Projects;
using CityActors.Grains.Reports;

namespace CityActors.Client;

/// <summary>A typed client of the CityActors API (<c>/api/v1</c>); every refusal is a <see cref="CityApiException"/>.</summary>
public sealed class CityClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>A client of <paramref name="baseAddress"/> sending <paramref name="apiKey"/> (none: the public view).</summary>
    public static CityClient Create(Uri baseAddress, string? apiKey, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(apiKey))
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new CityClient(client);
    }

    public HttpClient Http => http;

    public Task<CallerInfo> MeAsync(CancellationToken cancellationToken = default) => GetAsync<CallerInfo>("api/v1/me", cancellationToken);

    public Task<FacilityPage> ListFacilitiesAsync(FacilityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = Query(("kind", query.Kind), ("status", query.Status), ("district", query.District), ("department", query.Department),
            ("alarm", query.Alarm == AlarmFilter.All ? null : query.Alarm.ToString().ToLowerInvariant()), ("available", query.Available?.ToString().ToLowerInvariant()),
            ("q", query.Search), ("sort", query.Sort.ToString().ToLowerInvariant()), ("desc", query.Descending ? "true" : null),
            ("offset", query.Offset.ToString(CultureInfo.InvariantCulture)), ("limit", query.Limit.ToString(CultureInfo.InvariantCulture)));
        return GetAsync<FacilityPage>($"api/v1/facilities{q}", cancellationToken);
    }

    public Task<FacilitySnapshot> GetFacilityAsync(string key, CancellationToken cancellationToken = default)
        => GetAsync<FacilitySnapshot>($"api/v1/facilities/{Uri.EscapeDataString(key)}", cancellationToken);

    public Task<FacilitySnapshot> RegisterFacilityAsync(string key, RegisterFacilityRequest request, CancellationToken cancellationToken = default)
        => SendAsync<FacilitySnapshot>(HttpMethod.Put, $"api/v1/facilities/{Uri.EscapeDataString(key)}", request, null, cancellationToken);

    public Task<UpdateResponse> ReportStatusAsync(string key, StatusUpdateRequest update, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        => SendAsync<UpdateResponse>(HttpMethod.Post, $"api/v1/facilities/{Uri.EscapeDataString(key)}/status", update, idempotencyKey, cancellationToken);

    public Task<BatchResponse> ReportBatchAsync(IReadOnlyList<BatchUpdateItem> updates, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        => SendAsync<BatchResponse>(HttpMethod.Post, "api/v1/facilities/status/batch", updates, idempotencyKey, cancellationToken);

    public Task<IReadOnlyList<FacilityHistoryEntry>> HistoryAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
        => GetAsync<IReadOnlyList<FacilityHistoryEntry>>($"api/v1/facilities/{Uri.EscapeDataString(key)}/history{Query(("from", Time(from)), ("to", Time(to)))}", cancellationToken);

    public Task<FacilitySnapshot> StateAtAsync(string key, DateTimeOffset at, CancellationToken cancellationToken = default)
        => GetAsync<FacilitySnapshot>($"api/v1/facilities/{Uri.EscapeDataString(key)}/state{Query(("at", Time(at)))}", cancellationToken);

    public Task<AlarmPage> ListAlarmsAsync(string? severity = null, string? department = null, string? facility = null, int limit = FacilityQuery.DefaultLimit, CancellationToken cancellationToken = default)
        => GetAsync<AlarmPage>($"api/v1/alarms{Query(("severity", severity), ("department", department), ("facility", facility), ("limit", limit.ToString(CultureInfo.InvariantCulture)))}", cancellationToken);

    public Task<FacilitySnapshot> AcknowledgeAlarmAsync(string facility, string type, AlarmActionRequest request, CancellationToken cancellationToken = default)
        => SendAsync<FacilitySnapshot>(HttpMethod.Post, $"api/v1/facilities/{Uri.EscapeDataString(facility)}/alarms/{Uri.EscapeDataString(type)}/acknowledge", request, null, cancellationToken);

    public Task<FacilitySnapshot> ClearAlarmAsync(string facility, string type, AlarmActionRequest request, CancellationToken cancellationToken = default)
        => SendAsync<FacilitySnapshot>(HttpMethod.Post, $"api/v1/facilities/{Uri.EscapeDataString(facility)}/alarms/{Uri.EscapeDataString(type)}/clear", request, null, cancellationToken);

    public Task<CreatedApiKey> CreateKeyAsync(ApiKeyRequest request, CancellationToken cancellationToken = default)
        => SendAsync<CreatedApiKey>(HttpMethod.Post, "api/v1/keys", request, null, cancellationToken);

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<ApiKeyInfo>>("api/v1/keys", cancellationToken);

    public Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken = default)
        => SendAsync<ApiKeyInfo>(HttpMethod.Delete, $"api/v1/keys/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    public Task<AuditPage> AuditAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, string? action = null, string? target = null, int limit = 100, CancellationToken cancellationToken = default)
        => GetAsync<AuditPage>($"api/v1/audit{Query(("from", from is { } f ? Time(f) : null), ("to", to is { } t ? Time(t) : null), ("action", action), ("target", target), ("limit", limit.ToString(CultureInfo.InvariantCulture)))}", cancellationToken);

    public Task<CityRollup> LiveAsync(CancellationToken cancellationToken = default) => GetAsync<CityRollup>("api/v1/aggregates/live", cancellationToken);

    public Task<YearlyFigures> YearAsync(int year, CancellationToken cancellationToken = default)
        => GetAsync<YearlyFigures>($"api/v1/aggregates/years/{year.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    public Task<IReadOnlyList<ProjectListing>> ListProjectsAsync(string? position = null, string? department = null, CancellationToken cancellationToken = default)
        => GetAsync<IReadOnlyList<ProjectListing>>($"api/v1/projects{Query(("position", position), ("department", department))}", cancellationToken);

    public Task<ProjectDetails> GetProjectAsync(string id, CancellationToken cancellationToken = default)
        => GetAsync<ProjectDetails>($"api/v1/projects/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<SubmittedReport> SubmitProjectReportAsync(string id, int year, ProjectReportRequest report, CancellationToken cancellationToken = default)
        => SendAsync<SubmittedReport>(HttpMethod.Put, $"api/v1/projects/{Uri.EscapeDataString(id)}/reports/{year.ToString(CultureInfo.InvariantCulture)}", report, null, cancellationToken);

    public Task<IReadOnlyList<FacilityKind>> ListKindsAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<FacilityKind>>("api/v1/kinds", cancellationToken);

    public Task<FacilityKind> GetKindAsync(string id, CancellationToken cancellationToken = default)
        => GetAsync<FacilityKind>($"api/v1/kinds/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<FacilityKind> PutKindAsync(FacilityKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return SendAsync<FacilityKind>(HttpMethod.Put, $"api/v1/kinds/{Uri.EscapeDataString(kind.Id)}", kind, null, cancellationToken);
    }

    /// <summary>Defines or changes a kind from its JSON as written (a file): the API, not the client, judges it, and names the field at fault.</summary>
    public Task<FacilityKind> PutKindAsync(string id, byte[] json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var body = new ByteArrayContent(json);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendContentAsync<FacilityKind>(HttpMethod.Put, $"api/v1/kinds/{Uri.EscapeDataString(id)}", body, null, cancellationToken);
    }

    public Task<ConceptTree> ConceptAsync(CancellationToken cancellationToken = default) => GetAsync<ConceptTree>("api/v1/concept", cancellationToken);

    /// <summary>The ordered rules that give a report text its status class.</summary>
    public Task<IReadOnlyList<StatusRuleInfo>> StatusRulesAsync(CancellationToken cancellationToken = default)
        => GetAsync<IReadOnlyList<StatusRuleInfo>>("api/v1/concept/status-rules", cancellationToken);

    /// <summary>Gives a project a status class whatever its report says (planner, admin).</summary>
    public Task<ProjectDetails> SetStatusOverrideAsync(string id, StatusOverrideRequest request, CancellationToken cancellationToken = default)
        => SendAsync<ProjectDetails>(HttpMethod.Put, $"api/v1/projects/{Uri.EscapeDataString(id)}/status-override", request, null, cancellationToken);

    /// <summary>Removes a project's status override: the rules decide again (planner, admin).</summary>
    public Task<ProjectDetails> RemoveStatusOverrideAsync(string id, string? reason = null, CancellationToken cancellationToken = default)
        => SendAsync<ProjectDetails>(HttpMethod.Delete, $"api/v1/projects/{Uri.EscapeDataString(id)}/status-override{Query(("reason", reason))}", null, null, cancellationToken);

    /// <summary>Imports a file; an import the API refuses (errors in the file) comes back as a <see cref="CityApiException"/> with the errors in its body.</summary>
    /// <param name="uploaded">Told the bytes sent so far while the file goes up.</param>
    public Task<ImportResult> ImportAsync(string what, string fileName, byte[] content, bool dryRun, bool partial = false, IProgress<long>? uploaded = null, CancellationToken cancellationToken = default)
    {
        var body = new UploadContent(content, uploaded);
        body.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json"
            : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/octet-stream");
        return SendContentAsync<ImportResult>(HttpMethod.Post, $"api/v1/imports/{what}{Query(("fileName", fileName), ("dryRun", dryRun ? "true" : null), ("partial", partial ? "true" : null))}",
            body, null, cancellationToken);
    }

    /// <summary>Builds the year's annual report now (planner or admin); the latest version comes back when nothing changed.</summary>
    public Task<ReportVersion> BuildReportAsync(int year, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
        => SendAsync<ReportVersion>(HttpMethod.Post, $"api/v1/reports/{year.ToString(CultureInfo.InvariantCulture)}/build{Query(("asOf", asOf is { } a ? Time(a) : null))}", null, null, cancellationToken);

    /// <summary>Every version of the year's annual report, oldest first.</summary>
    public Task<IReadOnlyList<ReportVersion>> ReportVersionsAsync(int year, CancellationToken cancellationToken = default)
        => GetAsync<IReadOnlyList<ReportVersion>>($"api/v1/reports/{year.ToString(CultureInfo.InvariantCulture)}/versions", cancellationToken);

    /// <summary>Downloads a file the API serves (an export or a report): its bytes and the name the API gives it.</summary>
    public async Task<(byte[] Content, string? FileName)> DownloadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
        => SendContentAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), idempotencyKey, cancellationToken);

    async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new InvalidOperationException("The API answered null.");
    }

    static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null, detail = null, field = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            field = root.TryGetProperty("field", out var f) ? f.GetString() : null;
        }
        catch (JsonException)
        {
            detail = body.Length > 500 ? body[..500] : body;
        }
        var retryAfter = response.Headers.RetryAfter?.Delta;
        throw new CityApiException(response.StatusCode, title ?? response.ReasonPhrase ?? "Error", detail, field, retryAfter, body);
    }

    static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    static string Query(params (string Name, string? Value)[] values)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in values)
        {
            if (string.IsNullOrEmpty(value))
                continue;
            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }

    static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Science.IO.Artifacts;

/// <summary>JSON options of the Part 3 and 4 artifacts: NaN is a legitimate value there (e.g. IoU against a mask a scenario does not have).</summary>
static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}

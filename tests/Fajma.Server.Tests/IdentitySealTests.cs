using System.Net;
using System.Net.Http.Json;
using System.Text;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Tests;

/// <summary>Names, addresses and dates of birth are sealed at rest: a copy of the database names no one.</summary>
public sealed class IdentitySealTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private FajmaHost _host = null!;

    // Found nowhere else in a store: any occurrence in the file would be a leak.
    private const string Name = "Zéphyrine Quastorel";
    private const string Email = "zephyrine.quastorel@example.org";
    private static readonly DateOnly Born = new(1961, 7, 23);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _host = await FajmaHost.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> CreatePatientWithAccountAsync()
    {
        var created = await _host.Admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(Email, Name, Roles.Patient, FajmaHost.Password, null, Born));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<UserDto>())!.PatientId!.Value;
    }

    [Fact]
    public async Task TheDatabaseFileHoldsNoNameAddressOrBirthDateYetTheAppShowsThemAndSignInFindsTheAccount()
    {
        var patientId = await CreatePatientWithAccountAsync();

        // Any case and spacing of the address signs in: the blind index is over the normalised address.
        var session = await _host.SignInAsync("  Zephyrine.Quastorel@EXAMPLE.org ", FajmaHost.Password);
        Assert.Equal(Name, session.User.DisplayName);
        var shown = await _host.Admin.GetFromJsonAsync<PatientDto>($"/api/v1/patients/{patientId}");
        Assert.Equal((Name, Born), (shown!.DisplayName, shown.DateOfBirth));
        Assert.Contains((await _host.Admin.GetFromJsonAsync<AccountDto[]>("/api/v1/users?search=quastorel"))!, a => a.Email == Email);
        // A second account with the same address is refused, though the store cannot compare addresses.
        var twin = await _host.Admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(Email.ToUpperInvariant(), "Twin", Roles.Doctor, FajmaHost.Password, null));
        Assert.Equal(HttpStatusCode.BadRequest, twin.StatusCode);

        foreach (var leak in await LeaksAsync("Quastorel", "quastorel", "Zéphyrine", "1961-07-23"))
            Assert.Fail($"'{leak.Text}' is in {leak.File} in plain text");
    }

    [Fact]
    public async Task RowsWrittenBeforeSealingAreSealedAtTheNextStartAndStillSignIn()
    {
        var patientId = await CreatePatientWithAccountAsync();
        // What a store from before sealing holds: plain names, a plain address and no blind index.
        await _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE patients SET display_name = 'Anselme Vorgrath', date_of_birth = '1948-03-05' WHERE id = {0}; " +
            "UPDATE users SET display_name = 'Anselme Vorgrath', email = 'anselme.vorgrath@example.org', email_index = NULL WHERE patient_id = {0};", patientId));

        await _host.StopKeepingDataAsync();
        _host = await FajmaHost.StartAsync(_database);

        var session = await _host.SignInAsync("anselme.vorgrath@example.org", FajmaHost.Password);
        Assert.Equal("Anselme Vorgrath", session.User.DisplayName);
        var shown = await _host.Admin.GetFromJsonAsync<PatientDto>($"/api/v1/patients/{patientId}");
        Assert.Equal(("Anselme Vorgrath", new DateOnly(1948, 3, 5)), (shown!.DisplayName, shown.DateOfBirth));
        var stored = await _host.QueryAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT display_name AS \"Value\" FROM patients UNION ALL SELECT date_of_birth FROM patients UNION ALL SELECT email FROM users").ToListAsync());
        Assert.All(stored, value => Assert.StartsWith("v1:", value, StringComparison.Ordinal));
        foreach (var leak in await LeaksAsync("Vorgrath", "1948-03-05"))
            Assert.Fail($"'{leak.Text}' is still in {leak.File} in plain text after resealing");
    }

    /// <summary>Each text found in plain UTF-8 in the database, its write-ahead log or shared memory.</summary>
    private async Task<List<(string Text, string File)>> LeaksAsync(params string[] texts)
    {
        var directory = _host.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
        var found = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(directory, "fajma.db*"))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            foreach (var text in texts)
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0) found.Add((text, Path.GetFileName(file)));
        }
        return found;
    }
}

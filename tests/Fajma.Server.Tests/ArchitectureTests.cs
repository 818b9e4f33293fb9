using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Fajma.Server.Tests;

/// <summary>
/// The floors of the server (ARCHITECTURE.md §2, issue 11): each folder looks only down, or across its own floor.
/// Read over the compiled types, so a fully qualified name or a method body counts as much as a <c>using</c>.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Bottom first. The root namespace (the composition root: FajmaServer, Program) stands above them all.</summary>
    public static readonly string[][] Floors =
    [
        ["Platform", "Storage"],
        ["Privacy", "Live"],
        ["Identity", "Patients", "Devices", "Paging", "OnCall"],
        ["Observations", "Monitoring", "Alerts"],
        ["Ingestion", "Consultations", "Followers", "Demo", "Triage", "Fhir", "Records"],
        ["Administration"],
    ];

    public static TheoryData<int> FloorNumbers() => new(Enumerable.Range(0, Floors.Length - 1));

    [Theory]
    [MemberData(nameof(FloorNumbers))]
    public void A_floor_depends_on_no_floor_above_it(int floor)
    {
        var above = Floors.Skip(floor + 1).SelectMany(f => f).Select(Namespace).ToArray();
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in Floors[floor])
        {
            var result = Types.InAssembly(typeof(FajmaServer).Assembly).That().ResideInNamespaceMatching($@"^{Regex.Escape(Namespace(folder))}(\.|$)")
                .Should().NotHaveDependencyOnAny(above).GetResult();
            if (!result.IsSuccessful)
                foreach (var type in result.FailingTypes) offenders.Add($"{type.FullName}: {type.Explanation}");
            // NetArchTest misses some generic arguments (a source-generated JSON context's JsonTypeInfo<T>): a second reading.
            foreach (var (type, used) in TypeReferences.Of(typeof(FajmaServer).Assembly.Location, Namespace(folder)))
                if (above.Any(a => InNamespace(used, a)) || InRoot(used)) offenders.Add($"{type}: uses {used}");
        }
        Assert.True(offenders.Count == 0,
            $"Floor {floor} ({string.Join(", ", Floors[floor])}) looks up at {string.Join(", ", above)}:\n  " + string.Join("\n  ", offenders));
    }

    [Fact]
    public void Every_feature_namespace_has_a_floor()
    {
        var known = Floors.SelectMany(f => f).Select(Namespace).ToList();
        var unplaced = typeof(FajmaServer).Assembly.GetTypes()
            .Select(t => t.Namespace).OfType<string>().Distinct()
            .Where(ns => ns.StartsWith("Fajma.Server.", StringComparison.Ordinal) && !known.Any(k => InNamespace(ns + ".X", k)))
            .ToList();
        Assert.True(unplaced.Count == 0, "Namespaces on no floor (add them to ArchitectureTests.Floors): " + string.Join(", ", unplaced));
    }

    private static string Namespace(string folder) => "Fajma.Server." + folder;

    private static bool InNamespace(string fullName, string ns) => fullName.StartsWith(ns + ".", StringComparison.Ordinal);

    /// <summary>The composition root (FajmaServer, ServerJsonContext) knows every feature; no feature may know it.</summary>
    private static bool InRoot(string fullName) => InNamespace(fullName, "Fajma.Server") && fullName.IndexOf('.', "Fajma.Server.".Length) < 0;

    /// <summary>Every type a type names: signatures, attributes, generic arguments and the instructions of its methods.</summary>
    private static class TypeReferences
    {
        public static List<(string Type, string Used)> Of(string assemblyPath, string ns)
        {
            using var module = ModuleDefinition.ReadModule(assemblyPath);
            var found = new List<(string, string)>();
            foreach (var type in module.GetTypes().Where(t => InNamespace(Outermost(t).FullName, ns)))
            {
                var used = new HashSet<string>(StringComparer.Ordinal);
                Collect(type, used);
                found.AddRange(used.Select(u => (Outermost(type).FullName, u)));
            }
            return found;
        }

        private static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

        private static void Collect(TypeDefinition type, HashSet<string> used)
        {
            Add(type.BaseType, used);
            foreach (var i in type.Interfaces) Add(i.InterfaceType, used);
            Attributes(type, used);
            foreach (var field in type.Fields) { Add(field.FieldType, used); Attributes(field, used); }
            foreach (var property in type.Properties) { Add(property.PropertyType, used); Attributes(property, used); }
            foreach (var e in type.Events) Add(e.EventType, used);
            foreach (var method in type.Methods)
            {
                Method(method, used);
                Attributes(method, used);
                foreach (var p in method.Parameters) Attributes(p, used);
                if (!method.HasBody) continue;
                foreach (var v in method.Body.Variables) Add(v.VariableType, used);
                foreach (var instruction in method.Body.Instructions) Operand(instruction, used);
            }
        }

        private static void Operand(Instruction instruction, HashSet<string> used)
        {
            switch (instruction.Operand)
            {
                case TypeReference t: Add(t, used); break;
                case MethodReference m: Method(m, used); break;
                case FieldReference f: Add(f.DeclaringType, used); Add(f.FieldType, used); break;
            }
        }

        private static void Method(MethodReference method, HashSet<string> used)
        {
            Add(method.DeclaringType, used);
            Add(method.ReturnType, used);
            foreach (var p in method.Parameters) Add(p.ParameterType, used);
            if (method is GenericInstanceMethod generic) foreach (var a in generic.GenericArguments) Add(a, used);
        }

        private static void Attributes(ICustomAttributeProvider provider, HashSet<string> used)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType, used);
                foreach (var argument in attribute.ConstructorArguments) if (argument.Value is TypeReference t) Add(t, used);
            }
        }

        private static void Add(TypeReference? type, HashSet<string> used)
        {
            while (type is TypeSpecification spec and not GenericInstanceType) type = spec.ElementType; // arrays, by-refs, pointers
            if (type is null || type.IsGenericParameter) return;
            if (type is GenericInstanceType generic)
            {
                foreach (var a in generic.GenericArguments) Add(a, used);
                type = generic.ElementType;
            }
            while (type.DeclaringType is { } outer) type = outer;
            used.Add(type.FullName);
        }
    }
}

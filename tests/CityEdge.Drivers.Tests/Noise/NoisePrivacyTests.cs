using System.Reflection;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Noise;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mic = CityEdge.Drivers.I2sMemsMicrophone.I2sMemsMicrophone;

namespace CityEdge.Drivers.Tests.Noise;

/// <summary>
/// No audio sample can leave the noise code: its public surface hands out levels only. Every public
/// or protected member of the noise engine and its front ends is checked: nothing returns or exposes
/// an array, array parameters only take samples in (Process), and nothing in it can reach the
/// link or the flash store. If someone adds a way out for samples, this fails.
/// </summary>
[TestClass]
public sealed class NoisePrivacyTests
{
    private static readonly Type[] NoiseTypes =
    [
        .. typeof(SoundLevelMeter).Assembly.GetTypes().Where(t => t.Namespace == "CityEdge.Noise"),
        typeof(Sen0232SoundLevelMeter),
        typeof(Mic),
    ];

    private static readonly Type[] WaysOut = [typeof(INetworkLink), typeof(IPersistentStore), typeof(Node.IEventSink)];

    [TestMethod]
    public void NoPublicMemberHandsOutASampleBuffer()
    {
        var problems = new List<string>();
        foreach (var type in NoiseTypes.Where(t => t.IsVisible))
        {
            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(visible | BindingFlags.NonPublic))
            {
                bool exposed = member switch
                {
                    MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                    FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                    PropertyInfo p => p.GetMethod is { } g && (g.IsPublic || g.IsFamily),
                    EventInfo => true,
                    _ => false,
                };
                if (!exposed)
                {
                    continue;
                }

                Type? exposedType = member switch
                {
                    MethodInfo m => m.ReturnType,
                    FieldInfo f => f.FieldType,
                    PropertyInfo p => p.PropertyType,
                    EventInfo e => e.EventHandlerType,
                    _ => null,
                };
                if (exposedType != null && (exposedType.IsArray || typeof(Delegate).IsAssignableFrom(exposedType)))
                {
                    problems.Add($"{type.Name}.{member.Name} exposes {exposedType.Name}");
                }

                if (member is MethodBase method)
                {
                    foreach (var parameter in method.GetParameters())
                    {
                        bool samplesIn = parameter.ParameterType == typeof(int[]) && method.Name == "Process" && !parameter.IsOut;
                        if ((parameter.ParameterType.IsArray && !samplesIn) || parameter.ParameterType.IsByRef
                            || typeof(Delegate).IsAssignableFrom(parameter.ParameterType) || WaysOut.Contains(parameter.ParameterType))
                        {
                            problems.Add($"{type.Name}.{method.Name}({parameter.ParameterType.Name} {parameter.Name})");
                        }
                    }
                }
            }
        }

        Assert.AreEqual(0, problems.Count, "noise surface that could carry samples out:\n" + string.Join("\n", problems));
    }

    [TestMethod]
    public void NoiseCodeHoldsNoReferenceToTheLinkOrTheStore()
    {
        var problems = new List<string>();
        foreach (var type in NoiseTypes)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (WaysOut.Any(w => w.IsAssignableFrom(field.FieldType)))
                {
                    problems.Add($"{type.Name}.{field.Name} : {field.FieldType.Name}");
                }
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    public void TheGuardSeesTheEngineAndBothFrontEnds()
    {
        // A guard over an empty set would pass for nothing: make sure it inspects what matters.
        CollectionAssert.IsSubsetOf(
            new[] { typeof(SoundLevelMeter), typeof(LevelStatistics), typeof(NoisePipeline), typeof(INoiseFrontEnd), typeof(Sen0232SoundLevelMeter), typeof(Mic) },
            NoiseTypes);
    }
}

using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("CityEdge hardware-in-loop tests per kit (docs/hil.md)")]
[assembly: AssemblyProduct("CityEdge")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]

@echo off
rem aftersales.cmd: ./aftersales on Windows (run, token, demo, bench, logs, help). Like the bash shim
rem beside it: finds Java 17+ (JAVA_HOME, then the PATH), builds the launcher if its jar is missing,
rem and runs it; the launcher (deploy\launcher) does the rest. See docs\adr\0050-launcher-in-java.md.
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "LAUNCHER_JAR=%ROOT%\deploy\launcher\target\aftersales-launcher-exec.jar"

set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA (
  where java >nul 2>&1 || (
    echo error Java 17 or newer is needed: install a JDK 17+ and put it on the PATH ^(or set JAVA_HOME^). 1>&2
    exit /b 1
  )
  set "JAVA=java"
)
rem "1.8.0_392", "9.0.4", "11.0.21", "16.0.2" are too old; 17 and newer pass
"%JAVA%" -version 2>&1 | findstr /r /c:"version \"1\." /c:"version \"9" /c:"version \"1[0-6]" >nul
if not errorlevel 1 (
  echo error Java 17 or newer is needed, found an older one at %JAVA% ^(set JAVA_HOME to a JDK 17+^). 1>&2
  exit /b 1
)

cd /d "%ROOT%"
if exist "%LAUNCHER_JAR%" goto :launch
set "STARTED=%TIME%"
echo ==^> building the platform (mvnw.cmd -q -B -DskipTests package); the first build downloads dependencies and takes a few minutes 1>&2
call "%ROOT%\mvnw.cmd" -q -B -DskipTests package 1>&2
if errorlevel 1 goto :buildfailed
if not exist "%LAUNCHER_JAR%" goto :buildfailed
echo  ok built (started %STARTED%, finished %TIME%) 1>&2

:launch
"%JAVA%" -Daftersales.root="%ROOT%" -jar "%LAUNCHER_JAR%" %*
exit /b %ERRORLEVEL%

:buildfailed
echo error the build failed (see the Maven output above) 1>&2
exit /b 1
